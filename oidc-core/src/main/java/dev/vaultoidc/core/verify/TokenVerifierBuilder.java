package dev.vaultoidc.core.verify;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Configures a {@link TokenVerifier}. Every option has a strict, documented default; {@link #build()} validates
 * eagerly and fails with {@link IllegalStateException} or {@link IllegalArgumentException}. Not thread-safe.
 */
public final class TokenVerifierBuilder {
    /** The seven algorithms Vault can sign with (spec §7.3). */
    static final List<JWSAlgorithm> VAULT_ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    // The defaults, named so that front-ends restating them (Spring properties, whose literals feed the IDE
    // metadata) can be checked against them. Reasons for each: docs/verifier.md, "Configuration and defaults".
    /** Default leeway for {@code exp}, {@code nbf} and {@code iat}: 60 s, as Vault's own introspection. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Default longest accepted token, in characters. */
    public static final int DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;
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
    final Set<String> audiences = new LinkedHashSet<>();
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(VAULT_ALGORITHMS);
    Duration clockSkew = DEFAULT_CLOCK_SKEW;
    int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
    final List<ClaimRule> rules = new ArrayList<>();
    private OkHttpClient httpClient;
    int maxResponseBytes = 64 * 1024;
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

    TokenVerifierBuilder() {}

    /** Adds an accepted issuer URL, exactly as Vault puts it in {@code iss} (e.g. {@code https://vault:8200/v1/identity/oidc}). */
    public TokenVerifierBuilder issuer(String issuer) {
        String iss = requireUrl(issuer, "issuer");
        issuers.add(new IssuerConfig(iss, iss + "/.well-known/openid-configuration", null));
        return this;
    }

    /**
     * The Vault address ({@code scheme://host[:port]}, or Vault's configured {@code issuer}); with
     * {@link #namespace(String)} it yields the issuer {@code address/v1/<ns>/identity/oidc} (spec §7.2).
     */
    public TokenVerifierBuilder vaultAddress(String address) {
        this.vaultAddress = requireUrl(address, "vaultAddress");
        return this;
    }

    /** The Vault Enterprise namespace path (e.g. {@code team-a} or {@code a/b}); default: the root namespace. */
    public TokenVerifierBuilder namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    /** Adds one more Vault issuer (another cluster or namespace) to the allow-list. */
    public TokenVerifierBuilder addVaultIssuer(String address, String namespace) {
        issuers.add(vaultIssuer(requireUrl(address, "address"), namespace));
        return this;
    }

    /** Accepted audiences: the {@code client_id}s of the Vault roles whose tokens this service accepts. Required. */
    public TokenVerifierBuilder audiences(String... clientIds) {
        for (String c : clientIds) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("audience must not be blank");
            }
            audiences.add(c);
        }
        return this;
    }

    /** Accepted algorithms, a subset of Vault's seven; default all seven. A key is used only with its own {@code alg}. */
    public TokenVerifierBuilder algorithms(String... names) {
        Set<JWSAlgorithm> set = new LinkedHashSet<>();
        for (String n : names) {
            JWSAlgorithm a = VAULT_ALGORITHMS.stream().filter(x -> x.getName().equals(n)).findFirst()
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
    public TokenVerifierBuilder clockSkew(Duration skew) {
        if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW);
        }
        this.clockSkew = skew;
        return this;
    }

    /** Longest token accepted, in characters; default 16384. Longer tokens are rejected before parsing. */
    public TokenVerifierBuilder maxTokenSize(int chars) {
        if (chars < 256 || chars > 1024 * 1024) {
            throw new IllegalArgumentException("maxTokenSize must be between 256 and 1 MiB");
        }
        this.maxTokenSize = chars;
        return this;
    }

    /** Requires a claim to equal a string value (missing: MISSING_CLAIM, different: CLAIM_MISMATCH). */
    public TokenVerifierBuilder requireClaim(String name, String value) {
        rules.add(new ClaimRule(Objects.requireNonNull(name), Objects.requireNonNull(value), false));
        return this;
    }

    /** Requires a list claim (e.g. a template claim of group names) to contain a value. */
    public TokenVerifierBuilder requireClaimContains(String name, String value) {
        rules.add(new ClaimRule(Objects.requireNonNull(name), Objects.requireNonNull(value), true));
        return this;
    }

    /** Requires the {@code namespace} claim (a namespace <em>id</em>, {@code root} in CE) to equal {@code namespaceId}. */
    public TokenVerifierBuilder requireNamespaceId(String namespaceId) {
        return requireClaim("namespace", namespaceId);
    }

    /** HTTP client for discovery and JWKS. Default: 2 s connect/read timeouts, no redirects. */
    public TokenVerifierBuilder httpClient(OkHttpClient client) {
        this.httpClient = Objects.requireNonNull(client);
        return this;
    }

    /** Timeouts of the default HTTP client; default 2 s. */
    public TokenVerifierBuilder httpTimeout(Duration timeout) {
        this.httpTimeout = positive(timeout, "httpTimeout");
        return this;
    }

    /** Cap on discovery and JWKS response bodies; default 64 KiB. */
    public TokenVerifierBuilder maxResponseBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
        this.maxResponseBytes = bytes;
        return this;
    }

    public TokenVerifierBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Where fetches run. Default: a 2-thread daemon pool owned (and closed) by the verifier. */
    public TokenVerifierBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
        return this;
    }

    /**
     * Times background refreshes (at refresh-ahead, and retries after failures) so keys stay current without
     * traffic. Default: a daemon thread owned by the verifier when no {@link #executor(Executor)} is given;
     * {@code null} leaves refreshes to requests (as tests with a same-thread executor want).
     */
    public TokenVerifierBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.schedulerSet = true;
        return this;
    }

    public TokenVerifierBuilder listener(VerificationListener listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    /** JWKS TTL bounds applied to Vault's {@code Cache-Control: max-age}; default 30 s .. 1 h. */
    public TokenVerifierBuilder jwksTtlRange(Duration min, Duration max) {
        positive(min, "min TTL");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max TTL must not be below min TTL");
        }
        this.minTtl = min;
        this.maxTtl = max;
        return this;
    }

    /** JWKS TTL when Vault sends no max-age (it often omits it, spec §7.9); default 60 s. */
    public TokenVerifierBuilder jwksFallbackTtl(Duration ttl) {
        this.fallbackTtl = positive(ttl, "fallback TTL");
        return this;
    }

    /** How long before the TTL ends a background refresh starts (capped at half the TTL); default 30 s. */
    public TokenVerifierBuilder refreshAhead(Duration d) {
        this.refreshAhead = nonNegative(d, "refreshAhead");
        return this;
    }

    /** How long past their TTL cached keys are still used while Vault is unreachable; default 15 min, then fail closed. */
    public TokenVerifierBuilder maxStaleness(Duration d) {
        this.maxStale = nonNegative(d, "maxStaleness");
        return this;
    }

    /** Minimum time between attempts after a failed fetch; default 5 s. */
    public TokenVerifierBuilder retryInterval(Duration d) {
        this.retryInterval = positive(d, "retryInterval");
        return this;
    }

    /** Minimum time between JWKS fetches forced by unknown {@code kid}s; default 30 s. */
    public TokenVerifierBuilder unknownKidRefreshInterval(Duration d) {
        this.unknownKidInterval = positive(d, "unknownKidRefreshInterval");
        return this;
    }

    /** Longest a request waits for a shared fetch when no usable keys are cached; default 5 s. */
    public TokenVerifierBuilder fetchWait(Duration d) {
        this.fetchWait = positive(d, "fetchWait");
        return this;
    }

    /** Size of the verified-token cache (SHA-256 of the token, entry lives until {@code exp}); default 10000, 0 = off. */
    public TokenVerifierBuilder tokenCacheSize(long entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("tokenCacheSize must be >= 0");
        }
        this.tokenCacheSize = entries;
        return this;
    }

    /** Enables the online check (Vault introspection) after local verification; answers cached for {@code cacheTtl}. */
    public TokenVerifierBuilder introspector(TokenIntrospector introspector, Duration cacheTtl) {
        this.introspector = Objects.requireNonNull(introspector);
        this.introspectionCacheTtl = nonNegative(cacheTtl, "introspection cache TTL");
        return this;
    }

    /**
     * Verifies with this fixed JWK set (a JWKS JSON document) instead of discovery and JWKS over HTTP: no network
     * call at all and no refresh, so a removed or rotated key is only noticed when the caller supplies a new set.
     * For offline checks (the CLI's {@code --jwks}) and tests. The issuer allow-list still applies to {@code iss};
     * every configured issuer uses this set. Keys are filtered as fetched ones are (algorithm allow-list, minimum
     * RSA size, signature use); {@link #build()} fails if none is usable.
     */
    public TokenVerifierBuilder staticJwks(String jwksJson) {
        this.staticJwks = Objects.requireNonNull(jwksJson, "jwksJson");
        return this;
    }

    /** Validates and builds. */
    public TokenVerifier build() {
        List<IssuerConfig> all = new ArrayList<>(issuers);
        if (vaultAddress != null) {
            all.add(vaultIssuer(vaultAddress, namespace));
        } else if (namespace != null) {
            throw new IllegalStateException("namespace(...) needs vaultAddress(...)");
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("configure issuer(...) or vaultAddress(...)");
        }
        if (all.stream().map(IssuerConfig::issuer).distinct().count() != all.size()) {
            throw new IllegalStateException("duplicate issuer");
        }
        if (audiences.isEmpty()) {
            throw new IllegalStateException("audiences(...) is required: the client_id of each accepted Vault role");
        }
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
            keys = KeySnapshot.parseKeys(staticJwks, algorithms);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("staticJwks is not a JWK set");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("staticJwks has no usable signing key for the configured algorithms");
        }
        return keys;
    }

    JwksCache.Settings settings() {
        return new JwksCache.Settings(minTtl, maxTtl, fallbackTtl, refreshAhead, maxStale, retryInterval,
                unknownKidInterval, fetchWait, Duration.ofHours(1));
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

    private static String requireUrl(String url, String what) {
        Objects.requireNonNull(url, what);
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpUrl parsed = HttpUrl.parse(u);
        if (parsed == null) {
            throw new IllegalArgumentException(what + " must be an http(s) URL");
        }
        return u;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }

    private static Duration nonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return d;
    }
}
