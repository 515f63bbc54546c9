package dev.vaultoidc.core.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSAlgorithm;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Verifies Vault-issued identity tokens (spec §7.6) locally: no network call on the hot path once the issuer's
 * keys are cached. Immutable and thread-safe; build one per application with {@link #builder()} and share it.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder()
 *     .vaultAddress("https://vault.example.com:8200").namespace("team-a")
 *     .audiences("my-role-client-id")
 *     .build();
 * verifier.warmUp();                       // optional: fetch keys in the background now
 * VerifiedToken t = verifier.verify(token); // throws TokenVerificationException with a reason()
 * }</pre>
 */
public final class TokenVerifier implements AutoCloseable {
    private static final Set<String> ACCEPTED_TYP = Set.of("jwt", "application/jwt");

    private final Map<String, JwksCache> issuers;
    private final Set<String> audiences;
    private final Set<JWSAlgorithm> algorithms;
    private final Duration clockSkew;
    private final int maxTokenSize;
    private final List<ClaimRule> rules;
    private final Clock clock;
    private final VerificationListener listener;
    private final Cache<String, VerifiedToken> verified;
    private final TokenIntrospector introspector;
    private final Cache<String, IntrospectionResult> introspected;
    private final ExecutorService ownedExecutor;

    TokenVerifier(TokenVerifierBuilder b, List<TokenVerifierBuilder.IssuerConfig> issuerConfigs,
            okhttp3.OkHttpClient httpClient, java.util.concurrent.Executor executor,
            java.util.concurrent.ScheduledExecutorService scheduler, ExecutorService ownedExecutor,
            Map<String, KeySnapshot.KeyEntry> staticKeys) {
        this.audiences = Set.copyOf(b.audiences);
        this.algorithms = Set.copyOf(b.algorithms);
        this.clockSkew = b.clockSkew;
        this.maxTokenSize = b.maxTokenSize;
        this.rules = List.copyOf(b.rules);
        this.clock = b.clock;
        this.listener = b.listener;
        this.introspector = b.introspector;
        this.ownedExecutor = ownedExecutor;
        this.verified = b.tokenCacheSize > 0 ? Caffeine.newBuilder()
                .maximumSize(b.tokenCacheSize)
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, VerifiedToken>creating(
                        (k, t) -> positive(Duration.between(clock.instant(), t.expiresAt()))))
                .build() : null;
        this.introspected = introspector != null && !b.introspectionCacheTtl.isZero() ? Caffeine.newBuilder()
                .maximumSize(Math.max(1, b.tokenCacheSize))
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .expireAfterWrite(b.introspectionCacheTtl)
                .build() : null;
        Map<String, JwksCache> map = new LinkedHashMap<>();
        for (TokenVerifierBuilder.IssuerConfig ic : issuerConfigs) {
            if (staticKeys != null) {
                map.put(ic.issuer(), JwksCache.fixed(ic.issuer(), staticKeys, clock, executor, b.settings(),
                        algorithms, listener));
                continue;
            }
            JwksFetcher fetcher = new JwksFetcher(httpClient, b.maxResponseBytes, ic.namespaceHeader());
            map.put(ic.issuer(), new JwksCache(ic.issuer(), ic.discoveryUrl(), ic.namespaceHeader() != null,
                    fetcher, clock, executor, scheduler, b.settings(), algorithms, listener, this::dropTokensOfKeys));
        }
        this.issuers = java.util.Collections.unmodifiableMap(map);
    }

    /** A builder with strict defaults; see {@link TokenVerifierBuilder}. */
    public static TokenVerifierBuilder builder() {
        return new TokenVerifierBuilder();
    }

    /**
     * Verifies a compact ID token: size, structure, header, issuer (allow-list, before any I/O), key and
     * algorithm, signature, then {@code aud}, {@code exp}, {@code nbf}, {@code iat}, {@code sub} and the configured
     * claim policies; finally the online check, if configured.
     *
     * @throws TokenVerificationException with a {@link VerificationFailure} reason
     */
    public VerifiedToken verify(String token) throws TokenVerificationException {
        String issuer = null;
        try {
            if (token == null || token.isEmpty()) {
                throw fail(VerificationFailure.MALFORMED, "no token");
            }
            if (token.length() > maxTokenSize) {
                throw fail(VerificationFailure.TOO_LARGE, "token longer than " + maxTokenSize + " characters");
            }
            String digest = verified != null || introspected != null ? sha256(token) : null;
            VerifiedToken hit = verified == null ? null : verified.getIfPresent(digest);
            if (hit != null) {
                issuer = hit.issuer();
                // keys() also starts refresh-ahead, so a stream of cache hits still keeps the key set current;
                // the entry must not outlive exp or its key, even between cache maintenance runs.
                KeySnapshot keys = issuers.get(hit.issuer()).keys();
                if (clock.instant().isBefore(hit.expiresAt()) && keys.keys.containsKey(hit.keyId())) {
                    checkOnline(token, digest, hit);
                    Listeners.safe(() -> listener.onVerified(hit.issuer(), true));
                    return hit;
                }
                verified.invalidate(digest);
            }
            CompactToken parts = CompactToken.parse(token);
            JWSAlgorithm alg = checkHeader(parts.header);
            Object iss = parts.payload.get("iss");
            if (!(iss instanceof String issString)) {
                throw fail(VerificationFailure.MISSING_CLAIM, "no string 'iss' claim");
            }
            JwksCache cache = issuers.get(issString);
            if (cache == null) {
                throw fail(VerificationFailure.WRONG_ISSUER, "issuer is not one of the configured issuers");
            }
            issuer = cache.issuer();
            Object kidValue = parts.header.get("kid");
            if (!(kidValue instanceof String kid) || kid.isEmpty()) {
                throw fail(VerificationFailure.UNKNOWN_KEY, "token has no 'kid' header");
            }
            KeySnapshot keys = cache.keys();
            KeySnapshot.KeyEntry key = keys.keys.get(kid);
            if (key == null) {
                KeySnapshot newer = cache.refreshForUnknownKid(keys);
                key = newer == null ? null : newer.keys.get(kid);
                if (key == null) {
                    throw fail(VerificationFailure.UNKNOWN_KEY, "no key with this 'kid' in the issuer's JWKS");
                }
            }
            if (!key.algorithm().equals(alg)) {
                throw fail(VerificationFailure.UNSUPPORTED_ALGORITHM, "'alg' differs from the algorithm of the key");
            }
            verifySignature(token, key);
            VerifiedToken result = checkClaims(parts.payload, issuer, kid, alg);
            if (verified != null) {
                verified.put(digest, result);
            }
            checkOnline(token, digest, result);
            String acceptedIssuer = issuer;
            Listeners.safe(() -> listener.onVerified(acceptedIssuer, false));
            return result;
        } catch (TokenVerificationException e) {
            String rejectedIssuer = issuer;
            Listeners.safe(() -> listener.onRejected(rejectedIssuer, e.reason()));
            throw e;
        }
    }

    private JWSAlgorithm checkHeader(Map<String, Object> header) throws TokenVerificationException {
        if (header.containsKey("enc")) {
            throw fail(VerificationFailure.MALFORMED, "encrypted tokens (JWE) are not accepted");
        }
        Object algValue = header.get("alg");
        if (!(algValue instanceof String algName)) {
            throw fail(VerificationFailure.MALFORMED, "header has no string 'alg'");
        }
        JWSAlgorithm alg = VAULT_ALGORITHMS_BY_NAME.get(algName);
        if (alg == null) {
            throw fail(VerificationFailure.FORBIDDEN_ALGORITHM, "'alg' is not a Vault signing algorithm");
        }
        if (!algorithms.contains(alg)) {
            throw fail(VerificationFailure.UNSUPPORTED_ALGORITHM, "'alg' " + alg + " is not configured");
        }
        if (header.containsKey("crit")) {
            // We implement no JWS extensions, so any critical one must be refused (RFC 7515 §4.1.11).
            throw fail(VerificationFailure.UNSUPPORTED_HEADER, "critical header extensions are not supported");
        }
        Object cty = header.get("cty");
        if (cty != null && (!(cty instanceof String c) || c.equalsIgnoreCase("JWT")
                || c.equalsIgnoreCase("application/jwt"))) {
            throw fail(VerificationFailure.UNSUPPORTED_HEADER, "nested tokens (cty JWT) are not accepted");
        }
        Object typ = header.get("typ");
        if (typ != null && (!(typ instanceof String t) || !ACCEPTED_TYP.contains(t.toLowerCase(java.util.Locale.ROOT)))) {
            throw fail(VerificationFailure.UNSUPPORTED_HEADER, "'typ' is not JWT");
        }
        // jku, x5u, jwk, x5c are ignored on purpose: keys come only from the issuer's configured JWKS.
        return alg;
    }

    private static final Map<String, JWSAlgorithm> VAULT_ALGORITHMS_BY_NAME = TokenVerifierBuilder.VAULT_ALGORITHMS
            .stream().collect(java.util.stream.Collectors.toUnmodifiableMap(JWSAlgorithm::getName, a -> a));

    private static void verifySignature(String token, KeySnapshot.KeyEntry key) throws TokenVerificationException {
        // CompactToken.parse guaranteed exactly three non-empty, unpadded base64url parts.
        int lastDot = token.lastIndexOf('.');
        byte[] signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            throw fail(VerificationFailure.MALFORMED, "signature is not base64url");
        }
        if (!key.check().verify(signingInput, signature)) {
            throw fail(VerificationFailure.BAD_SIGNATURE, "signature does not verify");
        }
    }

    private VerifiedToken checkClaims(Map<String, Object> claims, String issuer, String kid, JWSAlgorithm alg)
            throws TokenVerificationException {
        Instant now = clock.instant();
        Object aud = claims.get("aud");
        List<String> auds = new ArrayList<>();
        if (aud instanceof String s) {
            auds.add(s);
        } else if (aud instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw fail(VerificationFailure.MALFORMED, "'aud' holds a non-string");
                }
                auds.add(s);
            }
        } else if (aud == null) {
            throw fail(VerificationFailure.MISSING_CLAIM, "no 'aud' claim");
        } else {
            throw fail(VerificationFailure.MALFORMED, "'aud' is neither a string nor an array");
        }
        if (auds.stream().noneMatch(audiences::contains)) {
            throw fail(VerificationFailure.WRONG_AUDIENCE, "'aud' has none of the accepted client ids");
        }
        Instant exp = instant(claims, "exp", true);
        if (!now.isBefore(exp.plus(clockSkew))) {
            throw fail(VerificationFailure.EXPIRED, "token expired at " + exp);
        }
        Instant nbf = instant(claims, "nbf", false);
        if (nbf != null && now.plus(clockSkew).isBefore(nbf)) {
            throw fail(VerificationFailure.NOT_YET_VALID, "token not valid before " + nbf);
        }
        Instant iat = instant(claims, "iat", true);
        if (now.plus(clockSkew).isBefore(iat)) {
            throw fail(VerificationFailure.ISSUED_IN_FUTURE, "token issued in the future");
        }
        Object sub = claims.get("sub");
        if (!(sub instanceof String subject) || subject.isEmpty()) {
            throw fail(VerificationFailure.MISSING_CLAIM, "no string 'sub' claim");
        }
        for (ClaimRule rule : rules) {
            rule.check(claims);
        }
        Object ns = claims.get("namespace");
        return new VerifiedToken(issuer, subject, auds, ns instanceof String n ? n : null, iat, exp, kid,
                alg.getName(), claims);
    }

    private void checkOnline(String token, String digest, VerifiedToken t) throws TokenVerificationException {
        if (introspector == null) {
            return;
        }
        String clientId = t.audiences().stream().filter(audiences::contains).findFirst().orElseThrow();
        IntrospectionResult r = introspected == null ? null : introspected.getIfPresent(digest);
        if (r == null) {
            try {
                r = introspector.introspect(token, clientId);
            } catch (Exception e) {
                throw fail(VerificationFailure.INTROSPECTION_UNAVAILABLE,
                        "online check failed: " + e.getClass().getSimpleName());
            }
            if (r == null) {
                throw fail(VerificationFailure.INTROSPECTION_UNAVAILABLE, "online check returned nothing");
            }
            if (introspected != null) {
                introspected.put(digest, r);
            }
        }
        if (!r.active()) {
            throw fail(VerificationFailure.INACTIVE,
                    "Vault reports the token inactive" + (r.error() == null ? "" : ": " + r.error()));
        }
    }

    private static Instant instant(Map<String, Object> claims, String name, boolean required)
            throws TokenVerificationException {
        Object v = claims.get(name);
        if (v == null) {
            if (required) {
                throw fail(VerificationFailure.MISSING_CLAIM, "no '" + name + "' claim");
            }
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            long s = ((Number) v).longValue();
            if (s >= 0 && s <= Instant.MAX.getEpochSecond() / 2) {
                return Instant.ofEpochSecond(s);
            }
        } else if (v instanceof Double d && Double.isFinite(d) && d >= 0 && d < 1e15) {
            return Instant.ofEpochSecond(d.longValue());
        } else if (v instanceof BigInteger || v instanceof BigDecimal) {
            throw fail(VerificationFailure.MALFORMED, "'" + name + "' is out of range");
        }
        throw fail(VerificationFailure.MALFORMED, "'" + name + "' is not a NumericDate");
    }

    /** Drops verified tokens whose key left the issuer's JWKS (called by the key cache after a fetch). */
    private void dropTokensOfKeys(String issuer, Set<String> removedKids) {
        if (verified != null) {
            verified.asMap().values().removeIf(t -> t.issuer().equals(issuer) && removedKids.contains(t.keyId()));
        }
    }

    /**
     * Fetches every issuer's keys in the background. Completes with {@code true} when all issuers have usable keys;
     * never completes exceptionally (a failure shows in {@link #health()}). Verification works without it: the
     * first token then waits for the shared fetch.
     */
    public CompletableFuture<Boolean> warmUp() {
        List<CompletableFuture<Boolean>> all = issuers.values().stream().map(JwksCache::warmUp).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().allMatch(CompletableFuture::join));
    }

    /** Whether every issuer has non-empty, usable keys now. */
    public boolean isReady() {
        return issuers.values().stream().allMatch(JwksCache::isReady);
    }

    /** Fetches every issuer's keys now, bypassing TTL and rate limit, e.g. after a manual key rotation. */
    public CompletableFuture<Boolean> refreshKeys() {
        List<CompletableFuture<Boolean>> all = issuers.values().stream().map(JwksCache::refreshNow).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().allMatch(CompletableFuture::join));
    }

    /** A health snapshot per configured issuer, in configuration order. */
    public List<JwksHealth> health() {
        return issuers.values().stream().map(JwksCache::health).toList();
    }

    /** The configured issuers (the allow-list). */
    public Set<String> issuers() {
        return issuers.keySet();
    }

    /** Cancels timed refreshes and stops the background pool if the builder created it; injected ones are left alone. */
    @Override
    public void close() {
        issuers.values().forEach(JwksCache::cancelSchedule);
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "TokenVerifier[issuers=" + issuers.keySet() + ", audiences=" + audiences + "]";
    }

    private static TokenVerificationException fail(VerificationFailure reason, String message) {
        return new TokenVerificationException(reason, message);
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String sha256(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
