package dev.vaultoidc.core.issue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.vaultoidc.core.oidc.IdToken;
import dev.vaultoidc.core.oidc.OidcProviderEndpoints;
import dev.vaultoidc.core.oidc.OidcProviderException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Machine-to-machine access tokens from a Vault OIDC provider's {@code client_credentials} grant, cached and
 * refreshed ahead of expiry. The tokens are JWTs signed by the client's key with {@code sub = aud = client_id},
 * living the client's {@code id_token_ttl}; a receiving service verifies them with
 * {@code TokenVerifier.builder().vaultProvider(address, provider).audiences(clientId)}.
 *
 * <p><b>Servers:</b> OpenBao 2.5 and later, for a confidential client written with
 * {@code OidcClients.Request.builder().clientCredentials(true)}. HashiCorp Vault has no such grant (its token endpoint
 * answers {@code unsupported_grant_type}), and neither has OpenBao before 2.5.
 *
 * <p>Caching, refresh-ahead, single flight for many threads, backoff and the safety margin are exactly those of
 * {@link IdTokenSupplier} (the same machinery runs underneath; defaults in {@code docs/issuance.md}). Plug it into
 * the outbound helpers like an ID token supplier:
 *
 * <pre>{@code
 * try (ClientCredentialsTokenSupplier tokens = ClientCredentialsTokenSupplier
 *         .builder(vault.oidcProvider("machines"), clientId, clientSecret).build()) {
 *     OkHttpClient http = new OkHttpClient.Builder()
 *             .addInterceptor(IdTokenInterceptor.forHosts(tokens, "billing.internal")).build();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Neither the secret nor a token appears in logs, exceptions or {@link #toString()}.
 */
public final class ClientCredentialsTokenSupplier implements Supplier<String>, AutoCloseable {

    private final IdTokenSupplier tokens;
    private final String provider;
    private final String clientId;

    private ClientCredentialsTokenSupplier(Builder b) {
        this.tokens = b.inner.build();
        this.provider = b.endpoints.provider();
        this.clientId = b.clientId;
    }

    /**
     * A supplier for the confidential client {@code clientId} of the provider behind {@code endpoints}
     * (e.g. {@code vault.oidcProvider("machines")}).
     */
    public static Builder builder(OidcProviderEndpoints endpoints, String clientId, String clientSecret) {
        return new Builder(endpoints, clientId, clientSecret);
    }

    /**
     * The current access token (a compact JWS): cached, or fetched when none is valid beyond the safety margin.
     *
     * @throws IdTokenException when no valid token can be had; {@link IdTokenFailure#VAULT_REJECTED} for an
     *     OAuth refusal such as {@code invalid_client} or {@code unsupported_grant_type}
     */
    @Override
    public String get() {
        return tokens.get();
    }

    /** As {@link #get()}, with the token's times ({@link IdToken#clientId()} is the client ID). */
    public IdToken current() {
        return tokens.current();
    }

    /** Stops background refreshes; {@link #get()} then fails with {@link IdTokenFailure#CLOSED}. Idempotent. */
    @Override
    public void close() {
        tokens.close();
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenSupplier[provider=" + provider + ", clientId=" + clientId
                + ", clientSecret=<redacted>]";
    }

    /** One grant, turned into the {@link IdToken} the shared machinery times. */
    private static IdToken fetch(OidcProviderEndpoints endpoints, String clientId, String clientSecret, String scope) {
        OidcProviderEndpoints.Tokens t = endpoints.clientCredentials(clientId, clientSecret, scope);
        try {
            JWTClaimsSet claims = JWTParser.parse(t.accessToken()).getJWTClaimsSet();
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
                throw new OidcProviderException(200, "malformed_response", "the access token has no iat or exp", null);
            }
            Instant iat = claims.getIssueTime().toInstant();
            Instant exp = claims.getExpirationTime().toInstant();
            Duration ttl = t.expiresIn().isZero() ? Duration.between(iat, exp) : t.expiresIn();
            return new IdToken(t.accessToken(), clientId, ttl, List.of(), iat, exp);
        } catch (ParseException e) {
            // The parse message could quote token bytes: keep only the fact.
            throw new OidcProviderException(200, "malformed_response", "the access token is not a JWT", null);
        }
    }

    /** Builds a {@link ClientCredentialsTokenSupplier}; the timing setters are those of {@link IdTokenSupplier}. */
    public static final class Builder {
        private final OidcProviderEndpoints endpoints;
        private final String clientId;
        private final String clientSecret;
        private String scope = "openid";
        private final IdTokenSupplier.Builder inner;

        private Builder(OidcProviderEndpoints endpoints, String clientId, String clientSecret) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            if (clientSecret.isEmpty()) {
                throw new IllegalArgumentException("clientSecret is required: the grant is for confidential clients");
            }
            this.inner = new IdTokenSupplier.Builder(
                    "client-credentials-" + endpoints.provider(),
                    "client credentials of client " + clientId + " at provider " + endpoints.provider(),
                    () -> fetch(this.endpoints, this.clientId, this.clientSecret, this.scope));
        }

        /** Space-separated scopes; must contain {@code openid} (default {@code openid}). */
        public Builder scope(String scope) {
            Objects.requireNonNull(scope, "scope");
            if (!List.of(scope.split(" ")).contains("openid")) {
                throw new IllegalArgumentException("scope must contain openid (OpenBao refuses it otherwise)");
            }
            this.scope = scope;
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#clock}. */
        public Builder clock(Clock clock) {
            inner.clock(clock);
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#scheduler}. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            inner.scheduler(scheduler);
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#refreshAhead}. */
        public Builder refreshAhead(double fractionOfLifetime) {
            inner.refreshAhead(fractionOfLifetime);
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#minRefreshAhead}. */
        public Builder minRefreshAhead(Duration lead) {
            inner.minRefreshAhead(lead);
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#safetyMargin}. */
        public Builder safetyMargin(Duration margin) {
            inner.safetyMargin(margin);
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#backoff}. */
        public Builder backoff(Duration initial, Duration max) {
            inner.backoff(initial, max);
            return this;
        }

        /** As {@link IdTokenSupplier.Builder#listener}; events carry {@code client-credentials-<provider>}. */
        public Builder listener(IdTokenListener listener) {
            inner.listener(listener);
            return this;
        }

        /** Builds the supplier. No request happens until the first {@link ClientCredentialsTokenSupplier#get()}. */
        public ClientCredentialsTokenSupplier build() {
            return new ClientCredentialsTokenSupplier(this);
        }
    }
}
