package dev.vaultoidc.core;

import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.http.RetryPolicy.Sleeper;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultTls;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.internal.Checks;
import dev.vaultoidc.core.internal.auth.LoginMethods;
import dev.vaultoidc.core.internal.auth.VaultTokenSession;
import dev.vaultoidc.core.internal.http.VaultTransport;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.oidc.OidcProviderEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * A configured connection to one Vault (address, namespace, credentials, TLS, timeouts, retries).
 * Immutable and thread-safe; create one per Vault and share it.
 *
 * <pre>{@code
 * VaultClient vault = VaultClient.builder()
 *     .address("https://vault:8200")
 *     .auth(VaultAuth.kubernetes("my-service"))
 *     .build();
 * Optional<VaultResponse> entity = vault.logical().read("identity/entity/name/alice");
 * }</pre>
 *
 * <p>Defaults (reasons in {@code docs/vault-client.md}): connect timeout 5 s, read and write
 * timeouts 30 s, call timeout 60 s for one operation including its retries,
 * {@link RetryPolicy#defaults()}, {@link ListMode#LIST_VERB}, no namespace.
 */
public final class VaultClient {

    /** Default connect timeout: a reachable Vault answers a TCP connect in milliseconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read (and write) timeout: the longest silence tolerated mid-response. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default call timeout: one whole operation, retries and backoff included. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Builder config;
    private final VaultTokenSession session;
    private final VaultOperations logical;
    private final IdentityOperations identity;
    private final OkHttpClient http;

    private VaultClient(Builder b, OkHttpClient http, VaultTokenSession inherited) {
        this.config = b.copy();
        this.http = http;
        VaultTransport transport =
                new VaultTransport(http, b.address, b.namespace, b.listMode, b.retryPolicy, b.sleeper, b.clock);
        this.session =
                inherited != null ? inherited : new VaultTokenSession(LoginMethods.of(b.auth), transport, b.clock);
        this.logical = transport.operations(session.interceptor());
        this.identity = IdentityOperations.over(logical);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder preset with this client's settings. The derived client shares this client's
     * connection pool and, unless {@link Builder#auth} is called, its token session.
     */
    public Builder newBuilder() {
        Builder b = config.copy();
        b.parentSession = session;
        b.parentAuth = config.auth;
        return b;
    }

    /** Generic operations on any path. */
    public VaultOperations logical() {
        return logical;
    }

    /**
     * Typed administration of the identity engine: {@code identity().entities()},
     * {@code .entityAliases()}, {@code .groups()}, {@code .groupAliases()}, {@code .lookup()}.
     */
    public IdentityOperations identity() {
        return identity;
    }

    /**
     * A builder for a supplier of ID tokens for {@code role} ({@code identity/oidc/token/:role}), minted with
     * this client's credentials and timed by its clock.
     *
     * <pre>{@code
     * try (IdTokenSupplier tokens = vault.idTokens("billing").build()) {
     *     String jwt = tokens.get();
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code role} is not a valid Vault name
     */
    public IdTokenSupplier.Builder idTokens(String role) {
        return IdTokenSupplier.builder(identity.oidc(), role).clock(config.clock);
    }

    /**
     * The protocol endpoints ({@code authorize}, {@code token}, {@code userinfo}) of Vault's OIDC provider
     * {@code provider}, over this client's connection pool, TLS and namespace. They do not use this client's
     * Vault token: authorize takes the end user's token, the others client credentials or an access token.
     * The provider objects are administered through {@code identity().oidc().providers()}.
     *
     * @throws IllegalArgumentException if {@code provider} is not a valid Vault name
     */
    public OidcProviderEndpoints oidcProvider(String provider) {
        return OidcProviderEndpoints.builder(config.address, provider)
                .namespace(config.namespace)
                .okHttpClient(http)
                .build();
    }

    /** The configured address. */
    public String address() {
        return config.address;
    }

    /** The namespace sent as {@code X-Vault-Namespace}, if any. */
    public Optional<String> namespace() {
        return Optional.ofNullable(config.namespace);
    }

    /** The clock used for token lifetimes and retry deadlines. */
    public Clock clock() {
        return config.clock;
    }

    /** The current token, logging in if needed; for integrations that must call Vault themselves. */
    public String token() {
        return session.token();
    }

    @Override
    public String toString() {
        return "VaultClient[address=" + config.address + ", namespace=" + config.namespace + ", auth=" + config.auth
                + "]";
    }

    /** Builds a {@link VaultClient}. Setters validate eagerly. */
    public static final class Builder {
        private String address;
        private String namespace;
        private VaultAuth auth;
        private ListMode listMode = ListMode.LIST_VERB;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private VaultTls tls;
        private OkHttpClient okHttpClient;
        private Clock clock = Clock.systemUTC();
        private VaultTokenSession parentSession;
        private VaultAuth parentAuth;

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.address = address;
            b.namespace = namespace;
            b.auth = auth;
            b.listMode = listMode;
            b.connectTimeout = connectTimeout;
            b.readTimeout = readTimeout;
            b.writeTimeout = writeTimeout;
            b.callTimeout = callTimeout;
            b.retryPolicy = retryPolicy;
            b.sleeper = sleeper;
            b.tls = tls;
            b.okHttpClient = okHttpClient;
            b.clock = clock;
            return b;
        }

        /** Vault's address, {@code http://} or {@code https://}; a trailing slash is tolerated. Required. */
        public Builder address(String address) {
            VaultTransport.baseUrl(address); // validate now, not at first request
            this.address = address.strip();
            return this;
        }

        /** The Enterprise namespace sent as {@code X-Vault-Namespace}; null or blank for none. */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
            return this;
        }

        /** How the client authenticates. Required. */
        public Builder auth(VaultAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** How lists are sent; {@link ListMode#GET_WITH_LIST_QUERY} for proxies that reject {@code LIST}. */
        public Builder listMode(ListMode listMode) {
            this.listMode = Objects.requireNonNull(listMode, "listMode");
            return this;
        }

        /** TCP connect timeout (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /** Read timeout: the longest gap between bytes of a response (default 30 s). Also used for writes. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            this.writeTimeout = this.readTimeout;
            return this;
        }

        /** Bound on one whole operation, including retries and backoff (default 60 s; zero = none). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = nonNegative(timeout, "callTimeout");
            return this;
        }

        /** When to retry (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** How to wait between retries (default {@link Sleeper#system()}); for tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** TLS trust and client certificate (default: platform trust, no client certificate). */
        public Builder tls(VaultTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * An existing client to derive from, sharing its connection pool and dispatcher. Timeouts and
         * TLS set on this builder override the ones it has.
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
            return this;
        }

        /** The clock for token lifetimes and retry deadlines (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException if the address or auth is missing
         */
        public VaultClient build() {
            if (address == null) {
                throw new IllegalStateException("address is required");
            }
            if (auth == null) {
                throw new IllegalStateException("auth is required");
            }
            if (okHttpClient == null) {
                // Created once per builder chain; derived clients reuse it, sharing its connection pool.
                okHttpClient = new OkHttpClient();
            }
            OkHttpClient.Builder http = okHttpClient
                    .newBuilder()
                    .connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .writeTimeout(writeTimeout)
                    .callTimeout(callTimeout);
            if (tls != null) {
                tls.applyTo(http);
            }
            // Same credentials as the parent: share its token instead of logging in again.
            VaultTokenSession inherited = parentSession != null && auth == parentAuth ? parentSession : null;
            return new VaultClient(this, http.build(), inherited);
        }

        private static Duration nonNegative(Duration d, String name) {
            return Checks.nonNegative(Objects.requireNonNull(d, name), name);
        }
    }
}
