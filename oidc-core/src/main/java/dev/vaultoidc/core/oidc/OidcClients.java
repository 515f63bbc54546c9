package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OIDC provider's clients ({@code identity/oidc/client}, spec §9.4), reached as
 * {@code vault.identity().oidc().clients()}. Thread-safe; every method is one Vault request.
 */
public final class OidcClients {

    /** The built-in named key clients sign with unless they name another. */
    public static final String DEFAULT_KEY = "default";

    private static final String BASE = "identity/oidc/client";

    private final VaultOperations ops;

    OidcClients(VaultOperations ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /**
     * Creates the client, or updates the fields {@code request} sets. The client ID and secret are generated on
     * create and kept across updates: {@link #read(String)} the client to learn them.
     */
    public void write(String name, Request request) {
        ops.write(BASE + "/" + Wire.name(name, "client name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads a client, with its secret; empty when it does not exist. */
    public Optional<Client> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "client name"))
                .filter(r -> r.data() != null)
                .map(r -> client(name, r.data()));
    }

    /** The client names, lexicographic; empty when there are none. */
    public List<String> list() {
        return ops.list(BASE).keys();
    }

    /**
     * Every client with its settings from the list's {@code key_info}, in name order. Vault leaves the secrets
     * out of lists, so {@link Client#clientSecret()} is {@code ""} here.
     */
    public List<Client> listDetailed() {
        VaultResponse r = ops.list(BASE);
        JsonNode info = r.data() == null ? null : r.data().get("key_info");
        List<Client> out = new ArrayList<>();
        for (String name : r.keys()) {
            JsonNode d = info == null ? null : info.get(name);
            if (d != null && d.isObject()) {
                out.add(client(name, d));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Deletes a client; nothing happens when it does not exist. Its issued access tokens stop working. */
    public void delete(String name) {
        ops.delete(BASE + "/" + Wire.name(name, "client name"));
    }

    static Client client(String name, JsonNode d) {
        return new Client(
                name,
                Wire.strings(d, "redirect_uris"),
                Wire.strings(d, "assignments"),
                Wire.text(d, "key"),
                Wire.duration(d, "id_token_ttl"),
                Wire.duration(d, "access_token_ttl"),
                Wire.text(d, "client_id"),
                Wire.text(d, "client_type"),
                Wire.text(d, "client_secret"),
                bool(d, "authorization_code"),
                bool(d, "client_credentials"));
    }

    private static Boolean bool(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || !n.isBoolean() ? null : n.asBoolean();
    }

    @Override
    public String toString() {
        return "OidcClients[" + ops + "]";
    }

    /**
     * The fields to write to a client ({@code identity/oidc/client/:name}). Only the fields set are sent: on create
     * Vault applies its defaults (key {@code default}, 24h TTLs, confidential), on update it keeps what is not
     * mentioned. Vault generates the client ID and secret; read the client back to learn them.
     *
     * <pre>{@code
     * OidcClients.Request.builder().redirectUris("https://app.example.com/callback").assignments("staff").build()
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
    public record Request(
            @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("assignments") List<String> assignments,
            @JsonProperty("key") String key,
            @JsonProperty("id_token_ttl") Long idTokenTtlSeconds,
            @JsonProperty("access_token_ttl") Long accessTokenTtlSeconds,
            @JsonProperty("client_type") String clientType,
            @JsonProperty("authorization_code") Boolean authorizationCode,
            @JsonProperty("client_credentials") Boolean clientCredentials) {

        /** Copies the lists; null stays null (not sent). */
        public Request {
            redirectUris = redirectUris == null ? null : List.copyOf(redirectUris);
            assignments = assignments == null ? null : List.copyOf(assignments);
        }

        /** An empty request: every field left to Vault. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link Request}; every setter is optional. */
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
            public Request build() {
                return new Request(
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

    /**
     * An OIDC provider client (relying party) as Vault reports it ({@code GET identity/oidc/client/:name}, spec §9.4).
     * {@link #toString()} never shows the client secret.
     *
     * @param name              the client's name
     * @param redirectUris      the allowed redirect URIs (exact match; the port is ignored for loopback hosts)
     * @param assignments       the assignment names whose entities and groups may log in
     * @param key               the named key that signs its tokens ({@link OidcClients#DEFAULT_KEY} by default)
     * @param idTokenTtl        lifetime of its ID tokens (and of OpenBao client-credentials tokens)
     * @param accessTokenTtl    lifetime of its access tokens
     * @param clientId          the client ID Vault generated (32 base62 characters)
     * @param clientType        {@code confidential} or {@code public}
     * @param clientSecret      the client secret ({@code hvo_secret_…}) of a confidential client; {@code ""} for a
     *                          public client and in list results, which never carry it
     * @param authorizationCode OpenBao 2.5+: whether the authorization-code grant is enabled; null on Vault (and for
     *                          OpenBao clients stored before 2.5, which behave as true)
     * @param clientCredentials OpenBao 2.5+: whether the client-credentials grant is enabled; null on Vault
     */
    public record Client(
            String name,
            List<String> redirectUris,
            List<String> assignments,
            String key,
            Duration idTokenTtl,
            Duration accessTokenTtl,
            String clientId,
            String clientType,
            String clientSecret,
            Boolean authorizationCode,
            Boolean clientCredentials) {

        /** Copies the lists, so the record is immutable; a null secret becomes {@code ""}. */
        public Client {
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            assignments = assignments == null ? List.of() : List.copyOf(assignments);
            clientSecret = clientSecret == null ? "" : clientSecret;
        }

        /** Whether this is a confidential client (it has a secret). */
        public boolean isConfidential() {
            return "confidential".equals(clientType);
        }

        /** Everything but the secret, which shows as {@code <redacted>} when present. */
        @Override
        public String toString() {
            return "Client[name=" + name + ", redirectUris=" + redirectUris + ", assignments=" + assignments
                    + ", key=" + key + ", idTokenTtl=" + idTokenTtl + ", accessTokenTtl=" + accessTokenTtl
                    + ", clientId=" + clientId + ", clientType=" + clientType + ", clientSecret="
                    + (clientSecret.isEmpty() ? "" : "<redacted>")
                    + (authorizationCode == null ? "" : ", authorizationCode=" + authorizationCode)
                    + (clientCredentials == null ? "" : ", clientCredentials=" + clientCredentials) + "]";
        }
    }
}
