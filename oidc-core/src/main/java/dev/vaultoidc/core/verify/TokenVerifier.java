package dev.vaultoidc.core.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSAlgorithm;
import dev.vaultoidc.core.http.VaultTls;
import dev.vaultoidc.core.internal.Checks;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

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
    /** A cached verification and the fingerprint of the key it was verified with (not only its kid). */
    private record Verified(VerifiedToken token, String keyFingerprint) {}

    private final Cache<String, Verified> verified;
    private final TokenIntrospector introspector;
    private final Cache<String, TokenIntrospector.Result> introspected;
    private final ExecutorService ownedExecutor;
    private final SignatureProvider.Status signatureStatus;

    TokenVerifier(
            Builder b,
            List<Builder.IssuerConfig> issuerConfigs,
            okhttp3.OkHttpClient httpClient,
            java.util.concurrent.Executor executor,
            java.util.concurrent.ScheduledExecutorService scheduler,
            ExecutorService ownedExecutor,
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
        this.signatureStatus = b.signatures.status();
        this.verified = b.tokenCacheSize > 0
                ? Caffeine.newBuilder()
                        .maximumSize(b.tokenCacheSize)
                        .ticker(() -> nanos(clock.instant()))
                        .executor(Runnable::run)
                        .expireAfter(Expiry.<String, Verified>creating((k, t) -> positive(
                                Duration.between(clock.instant(), t.token().expiresAt()))))
                        .build()
                : null;
        this.introspected = introspector != null && !b.introspectionCacheTtl.isZero()
                ? Caffeine.newBuilder()
                        .maximumSize(Math.max(1, b.tokenCacheSize))
                        .ticker(() -> nanos(clock.instant()))
                        .executor(Runnable::run)
                        .expireAfterWrite(b.introspectionCacheTtl)
                        .build()
                : null;
        Map<String, JwksCache> map = new LinkedHashMap<>();
        for (Builder.IssuerConfig ic : issuerConfigs) {
            if (staticKeys != null) {
                map.put(
                        ic.issuer(),
                        JwksCache.fixed(ic.issuer(), staticKeys, clock, executor, b.settings(), algorithms, listener));
                continue;
            }
            JwksFetcher fetcher = new JwksFetcher(httpClient, b.maxResponseBytes, ic.namespaceHeader());
            map.put(
                    ic.issuer(),
                    new JwksCache(
                            ic.issuer(),
                            ic.discoveryUrl(),
                            ic.namespaceHeader() != null,
                            fetcher,
                            clock,
                            executor,
                            scheduler,
                            b.settings(),
                            algorithms,
                            listener,
                            this::dropTokensOfKeys));
        }
        this.issuers = java.util.Collections.unmodifiableMap(map);
    }

    /** A builder with strict defaults; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
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
            Verified cached = verified == null ? null : verified.getIfPresent(digest);
            if (cached != null) {
                VerifiedToken hit = cached.token();
                issuer = hit.issuer();
                // keys() also starts refresh-ahead, so a stream of cache hits still keeps the key set current;
                // the entry must not outlive exp or its key, even between cache maintenance runs. The key is
                // matched by fingerprint: a kid republished with new material must not keep old tokens valid.
                KeySnapshot keys = issuers.get(hit.issuer()).keys();
                KeySnapshot.KeyEntry now = keys.keys.get(hit.keyId());
                if (clock.instant().isBefore(hit.expiresAt())
                        && now != null
                        && now.fingerprint().equals(cached.keyFingerprint())) {
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
                verified.put(digest, new Verified(result, key.fingerprint()));
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
        if (cty != null
                && (!(cty instanceof String c) || c.equalsIgnoreCase("JWT") || c.equalsIgnoreCase("application/jwt"))) {
            throw fail(VerificationFailure.UNSUPPORTED_HEADER, "nested tokens (cty JWT) are not accepted");
        }
        Object typ = header.get("typ");
        if (typ != null
                && (!(typ instanceof String t) || !ACCEPTED_TYP.contains(t.toLowerCase(java.util.Locale.ROOT)))) {
            throw fail(VerificationFailure.UNSUPPORTED_HEADER, "'typ' is not JWT");
        }
        // jku, x5u, jwk, x5c are ignored on purpose: keys come only from the issuer's configured JWKS.
        return alg;
    }

    private static final Map<String, JWSAlgorithm> VAULT_ALGORITHMS_BY_NAME = Builder.VAULT_ALGORITHMS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(JWSAlgorithm::getName, a -> a));

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
        return new VerifiedToken(
                issuer, subject, auds, ns instanceof String n ? n : null, iat, exp, kid, alg.getName(), claims);
    }

    private void checkOnline(String token, String digest, VerifiedToken t) throws TokenVerificationException {
        if (introspector == null) {
            return;
        }
        String clientId =
                t.audiences().stream().filter(audiences::contains).findFirst().orElseThrow();
        TokenIntrospector.Result r = introspected == null ? null : introspected.getIfPresent(digest);
        if (r == null) {
            try {
                r = introspector.introspect(token, clientId);
            } catch (Exception e) {
                throw fail(
                        VerificationFailure.INTROSPECTION_UNAVAILABLE,
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
            throw fail(
                    VerificationFailure.INACTIVE,
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
            verified.asMap()
                    .values()
                    .removeIf(v -> v.token().issuer().equals(issuer)
                            && removedKids.contains(v.token().keyId()));
        }
    }

    /**
     * Fetches every issuer's keys in the background. Completes with {@code true} when all issuers have usable keys;
     * never completes exceptionally (a failure shows in {@link #health()}). Verification works without it: the
     * first token then waits for the shared fetch.
     */
    public CompletableFuture<Boolean> warmUp() {
        List<CompletableFuture<Boolean>> all =
                issuers.values().stream().map(JwksCache::warmUp).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().allMatch(CompletableFuture::join));
    }

    /** Whether every issuer has non-empty, usable keys now. */
    public boolean isReady() {
        return issuers.values().stream().allMatch(JwksCache::isReady);
    }

    /** Fetches every issuer's keys now, bypassing TTL and rate limit, e.g. after a manual key rotation. */
    public CompletableFuture<Boolean> refreshKeys() {
        List<CompletableFuture<Boolean>> all =
                issuers.values().stream().map(JwksCache::refreshNow).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().allMatch(CompletableFuture::join));
    }

    /** A health snapshot per configured issuer, in configuration order. */
    public List<JwksHealth> health() {
        return issuers.values().stream().map(JwksCache::health).toList();
    }

    /**
     * Which provider checks signatures ({@link Builder#signatureProvider}) and, where {@link SignatureProvider#AUTO}
     * fell back to the JDK, why; fixed when the verifier was built.
     */
    public SignatureProvider.Status signatureStatus() {
        return signatureStatus;
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

    /**
     * Configures a {@link TokenVerifier}. Every option has a strict, documented default; {@link #build()} validates
     * eagerly and fails with {@link IllegalStateException} or {@link IllegalArgumentException}. Not thread-safe.
     */
    public static final class Builder {
        /** The seven algorithms Vault can sign with (spec §7.3). */
        static final List<JWSAlgorithm> VAULT_ALGORITHMS = List.of(
                JWSAlgorithm.RS256,
                JWSAlgorithm.RS384,
                JWSAlgorithm.RS512,
                JWSAlgorithm.ES256,
                JWSAlgorithm.ES384,
                JWSAlgorithm.ES512,
                JWSAlgorithm.EdDSA);

        static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

        // The defaults, named so that front-ends restating them (Spring properties, whose literals feed the IDE
        // metadata) can be checked against them. Reasons for each: docs/verifier.md, "Configuration and defaults".
        /** Default leeway for {@code exp}, {@code nbf} and {@code iat}: 60 s, as Vault's own introspection. */
        public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
        /** Default longest accepted token, in characters. */
        public static final int DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;
        /**
         * Default cap on discovery and JWKS bodies: 2 MiB. Vault publishes the current, next and previous keys of
         * every named key in one document; an RSA-4096 JWK is about 830 bytes, so this holds about 2,400 of them
         * (1,000 with room to spare), while still bounding what a hostile or broken server can make us read.
         */
        public static final int DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
        /** Default size of the verified-token cache. */
        public static final long DEFAULT_TOKEN_CACHE_SIZE = 10_000;
        /** Default time an online (introspection) verdict is reused. */
        public static final Duration DEFAULT_INTROSPECTION_CACHE_TTL = Duration.ofSeconds(10);
        /** Default lower bound of the JWKS cache time. */
        public static final Duration DEFAULT_JWKS_MIN_TTL = Duration.ofSeconds(30);
        /** Default upper bound of the JWKS cache time. */
        public static final Duration DEFAULT_JWKS_MAX_TTL = Duration.ofHours(1);
        /** Default JWKS cache time when Vault sends no Cache-Control. */
        public static final Duration DEFAULT_JWKS_FALLBACK_TTL = Duration.ofSeconds(60);
        /** Default head start of the background JWKS refresh. */
        public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofSeconds(30);
        /** Default time stale keys are used while Vault is unreachable. */
        public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(15);
        /** Default minimum time between fetch attempts after a failure. */
        public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);
        /** Default minimum time between fetches forced by unknown kids. */
        public static final Duration DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL = Duration.ofSeconds(30);
        /** Default longest wait for keys when none are cached. */
        public static final Duration DEFAULT_FETCH_WAIT = Duration.ofSeconds(5);
        /** Default connect and read timeout of discovery and JWKS requests. */
        public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(2);

        record IssuerConfig(String issuer, String discoveryUrl, String namespaceHeader) {}

        private final List<IssuerConfig> issuers = new ArrayList<>();
        private String vaultAddress;
        private String namespace;
        private final List<String[]> vaultProviders = new ArrayList<>();
        final Set<String> audiences = new LinkedHashSet<>();
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(VAULT_ALGORITHMS);
        Duration clockSkew = DEFAULT_CLOCK_SKEW;
        int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
        final List<ClaimRule> rules = new ArrayList<>();
        private OkHttpClient httpClient;
        private VaultTls tls;
        int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        Clock clock = Clock.systemUTC();
        private Executor executor;
        private ScheduledExecutorService scheduler;
        private boolean schedulerSet;
        VerificationListener listener = new VerificationListener() {};
        long tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
        TokenIntrospector introspector;
        Duration introspectionCacheTtl = DEFAULT_INTROSPECTION_CACHE_TTL;
        private Duration minTtl = DEFAULT_JWKS_MIN_TTL;
        private Duration maxTtl = DEFAULT_JWKS_MAX_TTL;
        private Duration fallbackTtl = DEFAULT_JWKS_FALLBACK_TTL;
        private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
        private Duration maxStale = DEFAULT_MAX_STALENESS;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private Duration unknownKidInterval = DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL;
        private Duration fetchWait = DEFAULT_FETCH_WAIT;
        private Duration httpTimeout = DEFAULT_HTTP_TIMEOUT;
        private String staticJwks;
        private SignatureProvider signatureProvider = SignatureProvider.AUTO;
        /** Chosen in {@link #build()}; the JDK until then. */
        NativeSignatures.Selection signatures = NativeSignatures.JDK;

        Builder() {}

        /** Adds an accepted issuer URL, exactly as Vault puts it in {@code iss} (e.g. {@code https://vault:8200/v1/identity/oidc}). */
        public Builder issuer(String issuer) {
            String iss = requireUrl(issuer, "issuer");
            issuers.add(new IssuerConfig(iss, iss + "/.well-known/openid-configuration", null));
            return this;
        }

        /**
         * The Vault address ({@code scheme://host[:port]}, or Vault's configured {@code issuer}); with
         * {@link #namespace(String)} it yields the issuer {@code address/v1/<ns>/identity/oidc} (spec §7.2).
         */
        public Builder vaultAddress(String address) {
            this.vaultAddress = requireUrl(address, "vaultAddress");
            return this;
        }

        /** The Vault Enterprise namespace path (e.g. {@code team-a} or {@code a/b}); default: the root namespace. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * Accepts the tokens of Vault's OIDC provider {@code provider} (spec §9): the issuer
         * {@code address/v1/<ns/>identity/oidc/provider/<provider>}, with the namespace of {@link #namespace(String)}
         * (derived as for {@link #vaultAddress(String)}), its discovery document and its keys. Set
         * {@link #audiences} to the client IDs whose ID tokens (or, on OpenBao 2.5+, client-credentials access
         * tokens) are accepted. If the provider sets an explicit {@code issuer}, pass that as {@code address}.
         * Cannot be combined with {@link #introspector}: see there.
         */
        public Builder vaultProvider(String address, String provider) {
            requireUrl(address, "address");
            if (provider == null || !dev.vaultoidc.core.internal.Checks.isVaultName(provider)) {
                throw new IllegalArgumentException("provider must match Vault's name pattern: " + provider);
            }
            vaultProviders.add(new String[] {address, provider});
            return this;
        }

        /** Adds one more Vault issuer (another cluster or namespace) to the allow-list. */
        public Builder addVaultIssuer(String address, String namespace) {
            issuers.add(vaultIssuer(requireUrl(address, "address"), namespace));
            return this;
        }

        /** Accepted audiences: the {@code client_id}s of the Vault roles whose tokens this service accepts. Required. */
        public Builder audiences(String... clientIds) {
            for (String c : clientIds) {
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException("audience must not be blank");
                }
                audiences.add(c);
            }
            return this;
        }

        /** Accepted algorithms, a subset of Vault's seven; default all seven. A key is used only with its own {@code alg}. */
        public Builder algorithms(String... names) {
            Set<JWSAlgorithm> set = new LinkedHashSet<>();
            for (String n : names) {
                JWSAlgorithm a = VAULT_ALGORITHMS.stream()
                        .filter(x -> x.getName().equals(n))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("not a Vault signing algorithm: " + n));
                set.add(a);
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm is required");
            }
            this.algorithms = set;
            return this;
        }

        /** Tolerance for {@code exp}, {@code nbf}, {@code iat}; default 60 s (as Vault's introspection), at most 5 min. */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW);
            }
            this.clockSkew = skew;
            return this;
        }

        /** Longest token accepted, in characters; default 16384. Longer tokens are rejected before parsing. */
        public Builder maxTokenSize(int chars) {
            if (chars < 256 || chars > 1024 * 1024) {
                throw new IllegalArgumentException("maxTokenSize must be between 256 and 1 MiB");
            }
            this.maxTokenSize = chars;
            return this;
        }

        /** Requires a claim to equal a string value (missing: MISSING_CLAIM, different: CLAIM_MISMATCH). */
        public Builder requireClaim(String name, String value) {
            rules.add(new ClaimRule(Objects.requireNonNull(name), Objects.requireNonNull(value), false));
            return this;
        }

        /** Requires a list claim (e.g. a template claim of group names) to contain a value. */
        public Builder requireClaimContains(String name, String value) {
            rules.add(new ClaimRule(Objects.requireNonNull(name), Objects.requireNonNull(value), true));
            return this;
        }

        /** Requires the {@code namespace} claim (a namespace <em>id</em>, {@code root} in CE) to equal {@code namespaceId}. */
        public Builder requireNamespaceId(String namespaceId) {
            return requireClaim("namespace", namespaceId);
        }

        /** HTTP client for discovery and JWKS. Default: 2 s connect/read timeouts, no redirects. */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client);
            return this;
        }

        /**
         * TLS trust and client certificate for discovery and JWKS (default: platform trust), applied to the
         * default HTTP client with its timeouts and no-redirect policy, or on top of {@link #httpClient}.
         */
        public Builder tls(VaultTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Timeouts of the default HTTP client; default 2 s. */
        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = Checks.positive(timeout, "httpTimeout");
            return this;
        }

        /**
         * Cap on discovery and JWKS response bodies; default {@link #DEFAULT_MAX_RESPONSE_BYTES} (2 MiB, about
         * 2,400 RSA-4096 keys). A larger document fails the fetch ({@code KEYS_UNAVAILABLE} once no cached keys are
         * usable), so raise it for a Vault with very many named keys; it bounds the memory one fetch can take.
         */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * The clock for expiry, not-before, clock skew and JWKS freshness (default: UTC system clock); tests
         * pass a controllable one such as the emulator's {@code EmulatorClock}.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Where fetches run. Default: a 2-thread daemon pool owned (and closed) by the verifier. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * Times background refreshes (at refresh-ahead, and retries after failures) so keys stay current without
         * traffic. Default: a daemon thread owned by the verifier when no {@link #executor(Executor)} is given;
         * {@code null} leaves refreshes to requests (as tests with a same-thread executor want).
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            this.schedulerSet = true;
            return this;
        }

        /**
         * Receives verification and JWKS events, e.g. for metrics (default: none). For several, pass
         * {@link VerificationListener#composite(List)}.
         */
        public Builder listener(VerificationListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** JWKS TTL bounds applied to Vault's {@code Cache-Control: max-age}; default 30 s .. 1 h. */
        public Builder jwksTtlRange(Duration min, Duration max) {
            Checks.positive(min, "min TTL");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max TTL must not be below min TTL");
            }
            this.minTtl = min;
            this.maxTtl = max;
            return this;
        }

        /** JWKS TTL when Vault sends no max-age (it often omits it, spec §7.9); default 60 s. */
        public Builder jwksFallbackTtl(Duration ttl) {
            this.fallbackTtl = Checks.positive(ttl, "fallback TTL");
            return this;
        }

        /** How long before the TTL ends a background refresh starts (capped at half the TTL); default 30 s. */
        public Builder refreshAhead(Duration d) {
            this.refreshAhead = Checks.nonNegative(d, "refreshAhead");
            return this;
        }

        /** How long past their TTL cached keys are still used while Vault is unreachable; default 15 min, then fail closed. */
        public Builder maxStaleness(Duration d) {
            this.maxStale = Checks.nonNegative(d, "maxStaleness");
            return this;
        }

        /** Minimum time between attempts after a failed fetch; default 5 s. */
        public Builder retryInterval(Duration d) {
            this.retryInterval = Checks.positive(d, "retryInterval");
            return this;
        }

        /** Minimum time between JWKS fetches forced by unknown {@code kid}s; default 30 s. */
        public Builder unknownKidRefreshInterval(Duration d) {
            this.unknownKidInterval = Checks.positive(d, "unknownKidRefreshInterval");
            return this;
        }

        /** Longest a request waits for a shared fetch when no usable keys are cached; default 5 s. */
        public Builder fetchWait(Duration d) {
            this.fetchWait = Checks.positive(d, "fetchWait");
            return this;
        }

        /** Size of the verified-token cache (SHA-256 of the token, entry lives until {@code exp}); default 10000, 0 = off. */
        public Builder tokenCacheSize(long entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("tokenCacheSize must be >= 0");
            }
            this.tokenCacheSize = entries;
            return this;
        }

        /**
         * Enables the online check (Vault introspection) after local verification; answers cached for
         * {@code cacheTtl}. Identity tokens only: {@link #build()} refuses it together with an OIDC provider issuer
         * ({@link #vaultProvider}), because Vault's introspection does not know provider issuers.
         */
        public Builder introspector(TokenIntrospector introspector, Duration cacheTtl) {
            this.introspector = Objects.requireNonNull(introspector);
            this.introspectionCacheTtl = Checks.nonNegative(cacheTtl, "introspection cache TTL");
            return this;
        }

        /**
         * Verifies with this fixed JWK set (a JWKS JSON document) instead of discovery and JWKS over HTTP: no network
         * call at all and no refresh, so a removed or rotated key is only noticed when the caller supplies a new set.
         * For offline checks (the CLI's {@code --jwks}) and tests. The issuer allow-list still applies to {@code iss};
         * every configured issuer uses this set. Keys are filtered as fetched ones are (algorithm allow-list, minimum
         * RSA size, signature use); {@link #build()} fails if none is usable.
         */
        public Builder staticJwks(String jwksJson) {
            this.staticJwks = Objects.requireNonNull(jwksJson, "jwksJson");
            return this;
        }

        /**
         * Which provider checks signatures; default {@link SignatureProvider#AUTO}: the native provider (ACCP) when
         * it is on the class path, loads and passes the self-test, else the JDK. {@link SignatureProvider#NATIVE}
         * makes {@link #build()} fail with {@link SignatureProvider.UnavailableException} when it cannot be used.
         * See {@link TokenVerifier#signatureStatus()} for what was chosen.
         */
        public Builder signatureProvider(SignatureProvider provider) {
            this.signatureProvider = Objects.requireNonNull(provider, "signatureProvider");
            return this;
        }

        /** Validates and builds. */
        public TokenVerifier build() {
            List<IssuerConfig> all = new ArrayList<>(issuers);
            if (vaultAddress != null) {
                all.add(vaultIssuer(vaultAddress, namespace));
            } else if (namespace != null && vaultProviders.isEmpty()) {
                throw new IllegalStateException("namespace(...) needs vaultAddress(...) or vaultProvider(...)");
            }
            for (String[] p : vaultProviders) {
                all.add(providerIssuer(requireUrl(p[0], "address"), namespace, p[1]));
            }
            if (introspector != null) {
                // Vault's identity/oidc/introspect checks tokens against the identity-token issuer only (spec §7.7):
                // a provider token would come back inactive every time, rejecting every request.
                all.stream()
                        .map(IssuerConfig::issuer)
                        .filter(i -> i.contains("/identity/oidc/provider/"))
                        .findFirst()
                        .ifPresent(i -> {
                            throw new IllegalStateException("introspector(...) cannot be used with the OIDC provider "
                                    + "issuer " + i + ": Vault's identity/oidc/introspect only knows identity-token "
                                    + "issuers (…/identity/oidc), so it would answer inactive for every provider "
                                    + "token. Verify provider tokens locally (drop the introspector).");
                        });
            }
            if (all.isEmpty()) {
                throw new IllegalStateException("configure issuer(...) or vaultAddress(...)");
            }
            if (all.stream().map(IssuerConfig::issuer).distinct().count() != all.size()) {
                throw new IllegalStateException("duplicate issuer");
            }
            if (audiences.isEmpty()) {
                throw new IllegalStateException(
                        "audiences(...) is required: the client_id of each accepted Vault role");
            }
            // Before any thread exists (NATIVE may fail here) and before the static keys, whose checks use the
            // chosen providers. Loading ACCP and its self-test happen once per JVM.
            signatures = NativeSignatures.select(signatureProvider, algorithms);
            OkHttpClient http = httpClient;
            if (http == null) {
                http = new OkHttpClient.Builder()
                        .connectTimeout(httpTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(httpTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .callTimeout(httpTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                        .followRedirects(false)
                        .followSslRedirects(false)
                        .build();
            }
            if (tls != null) {
                OkHttpClient.Builder withTls = http.newBuilder();
                tls.applyTo(withTls);
                http = withTls.build();
            }
            Executor exec = executor;
            ScheduledExecutorService sched = scheduler;
            ScheduledExecutorService owned = null;
            if (exec == null) {
                // One small pool does both: fetches are short and single-flight per issuer.
                AtomicInteger n = new AtomicInteger();
                owned = Executors.newScheduledThreadPool(2, r -> {
                    Thread t = new Thread(r, "vault-oidc-jwks-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                exec = owned;
                if (!schedulerSet) {
                    sched = owned;
                }
            }
            return new TokenVerifier(this, List.copyOf(all), http, exec, sched, owned, staticKeys());
        }

        /** Parsed once here, so a bad document fails {@link #build()} rather than the first verification. */
        private java.util.Map<String, KeySnapshot.KeyEntry> staticKeys() {
            if (staticJwks == null) {
                return null;
            }
            java.util.Map<String, KeySnapshot.KeyEntry> keys;
            try {
                keys = KeySnapshot.parseKeys(staticJwks, algorithms, signatures, (kid, reason) -> {});
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException("staticJwks is not a JWK set");
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(
                        "staticJwks has no usable signing key for the configured algorithms");
            }
            return keys;
        }

        JwksCache.Settings settings() {
            return new JwksCache.Settings(
                    minTtl,
                    maxTtl,
                    fallbackTtl,
                    refreshAhead,
                    maxStale,
                    retryInterval,
                    unknownKidInterval,
                    fetchWait,
                    Duration.ofHours(1),
                    signatures);
        }

        /**
         * Spec §7.2: issuer = address + /v1/ + namespace path with trailing slash + identity/oidc. Discovery is asked for
         * at the root-relative path with {@code X-Vault-Namespace}; the JWKS is then fetched from the namespaced
         * {@code jwks_uri} Vault returns, without the header, because Vault nests a header namespace and a path
         * namespace (spec §1.1) and sending both would address {@code ns/ns/}.
         */
        static IssuerConfig vaultIssuer(String address, String namespace) {
            String ns = namespace == null ? "" : namespace.replaceAll("^/+|/+$", "");
            if (ns.isEmpty() || ns.equals("root")) {
                String iss = address + "/v1/identity/oidc";
                return new IssuerConfig(iss, iss + "/.well-known/openid-configuration", null);
            }
            String iss = address + "/v1/" + ns + "/identity/oidc";
            return new IssuerConfig(iss, address + "/v1/identity/oidc/.well-known/openid-configuration", ns + "/");
        }

        /**
         * Spec §9.5: issuer = address + /v1/ + namespace path + identity/oidc/provider/ + name; discovery and keys as
         * for {@link #vaultIssuer}.
         */
        static IssuerConfig providerIssuer(String address, String namespace, String provider) {
            String ns = namespace == null ? "" : namespace.replaceAll("^/+|/+$", "");
            String suffix = "identity/oidc/provider/" + provider;
            if (ns.isEmpty() || ns.equals("root")) {
                String iss = address + "/v1/" + suffix;
                return new IssuerConfig(iss, iss + "/.well-known/openid-configuration", null);
            }
            String iss = address + "/v1/" + ns + "/" + suffix;
            return new IssuerConfig(iss, address + "/v1/" + suffix + "/.well-known/openid-configuration", ns + "/");
        }

        private static String requireUrl(String url, String what) {
            Objects.requireNonNull(url, what);
            String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            HttpUrl parsed = HttpUrl.parse(u);
            if (parsed == null) {
                throw new IllegalArgumentException(what + " must be an http(s) URL");
            }
            return u;
        }
    }

    /**
     * A point-in-time view of one issuer's key cache, for health checks.
     *
     * @param issuer              the configured issuer
     * @param ready               keys are present and within their TTL plus the staleness tolerance
     * @param keyCount            number of usable keys in the cached JWKS
     * @param lastSuccessfulFetch when the JWKS was last fetched successfully, or {@code null}
     * @param lastAttempt         when a fetch was last attempted, or {@code null}
     * @param lastError           the last fetch error (cleared by a success), or {@code null}
     * @param freshUntil          when the cached keys' TTL ends, or {@code null}
     * @param usableUntil         when cached keys stop being used if Vault stays unreachable, or {@code null}
     */
    public record JwksHealth(
            String issuer,
            boolean ready,
            int keyCount,
            Instant lastSuccessfulFetch,
            Instant lastAttempt,
            String lastError,
            Instant freshUntil,
            Instant usableUntil) {}
}
