package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * The fields to write to a client ({@code identity/oidc/client/:name}). Only the fields set are sent: on create
 * Vault applies its defaults (key {@code default}, 24h TTLs, confidential), on update it keeps what is not
 * mentioned. Vault generates the client ID and secret; read the client back to learn them.
 *
 * <pre>{@code
 * ClientRequest.builder().redirectUris("https://app.example.com/callback").assignments("staff").build()
 * }</pre>
 *
 * @param redirectUris             allowed redirect URIs; null to not send
 * @param assignments              assignment names; null to not send
 * @param key                      the signing key (cannot change after create); null to not send
 * @param idTokenTtlSeconds        ID token lifetime (at most the key's verification_ttl); null to not send
 * @param accessTokenTtlSeconds    access token lifetime; null to not send
 * @param clientType               {@code confidential} or {@code public} (cannot change after create); null to not send
 * @param authorizationCode        OpenBao 2.5+ only: enable the authorization-code grant; null to not send
 * @param clientCredentials        OpenBao 2.5+ only: enable the client-credentials grant (confidential clients);
 *                                 null to not send. Vault ignores both OpenBao fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientRequest(
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("assignments") List<String> assignments,
        @JsonProperty("key") String key,
        @JsonProperty("id_token_ttl") Long idTokenTtlSeconds,
        @JsonProperty("access_token_ttl") Long accessTokenTtlSeconds,
        @JsonProperty("client_type") String clientType,
        @JsonProperty("authorization_code") Boolean authorizationCode,
        @JsonProperty("client_credentials") Boolean clientCredentials) {

    /** Copies the lists; null stays null (not sent). */
    public ClientRequest {
        redirectUris = redirectUris == null ? null : List.copyOf(redirectUris);
        assignments = assignments == null ? null : List.copyOf(assignments);
    }

    /** An empty request: every field left to Vault. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClientRequest}; every setter is optional. */
    public static final class Builder {
        private List<String> redirectUris;
        private List<String> assignments;
        private String key;
        private Long idTokenTtl;
        private Long accessTokenTtl;
        private String clientType;
        private Boolean authorizationCode;
        private Boolean clientCredentials;

        private Builder() {}

        /** The allowed redirect URIs. */
        public Builder redirectUris(String... uris) {
            return redirectUris(List.of(uris));
        }

        /** As {@link #redirectUris(String...)}. */
        public Builder redirectUris(List<String> uris) {
            this.redirectUris = List.copyOf(uris);
            return this;
        }

        /** The assignment names, e.g. {@link OidcAssignments#ALLOW_ALL}. */
        public Builder assignments(String... names) {
            return assignments(List.of(names));
        }

        /** As {@link #assignments(String...)}. */
        public Builder assignments(List<String> names) {
            this.assignments = List.copyOf(names);
            return this;
        }

        /** The signing key; its allowed_client_ids must list the client ID (or {@code *}) for the token endpoint. */
        public Builder key(String key) {
            this.key = Wire.name(key, "key name");
            return this;
        }

        /** ID token lifetime, whole seconds. */
        public Builder idTokenTtl(Duration ttl) {
            this.idTokenTtl = Wire.seconds(ttl, "idTokenTtl");
            return this;
        }

        /** Access token lifetime, whole seconds. */
        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = Wire.seconds(ttl, "accessTokenTtl");
            return this;
        }

        /** A public client: no secret, PKCE required at authorize. */
        public Builder publicClient() {
            this.clientType = "public";
            return this;
        }

        /** A confidential client (Vault's default): it gets a secret. */
        public Builder confidential() {
            this.clientType = "confidential";
            return this;
        }

        /** OpenBao 2.5+: enables or disables the authorization-code grant (default true). */
        public Builder authorizationCode(boolean enabled) {
            this.authorizationCode = enabled;
            return this;
        }

        /** OpenBao 2.5+: enables or disables the client-credentials grant (default false; confidential only). */
        public Builder clientCredentials(boolean enabled) {
            this.clientCredentials = enabled;
            return this;
        }

        /** Builds the request. */
        public ClientRequest build() {
            return new ClientRequest(
                    redirectUris,
                    assignments,
                    key,
                    idTokenTtl,
                    accessTokenTtl,
                    clientType,
                    authorizationCode,
                    clientCredentials);
        }
    }
}
