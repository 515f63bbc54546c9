package dev.vaultoidc.core.oidc;

import java.time.Duration;
import java.util.List;

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
public record OidcClient(
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
    public OidcClient {
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
        return "OidcClient[name=" + name + ", redirectUris=" + redirectUris + ", assignments=" + assignments
                + ", key=" + key + ", idTokenTtl=" + idTokenTtl + ", accessTokenTtl=" + accessTokenTtl
                + ", clientId=" + clientId + ", clientType=" + clientType + ", clientSecret="
                + (clientSecret.isEmpty() ? "" : "<redacted>")
                + (authorizationCode == null ? "" : ", authorizationCode=" + authorizationCode)
                + (clientCredentials == null ? "" : ", clientCredentials=" + clientCredentials) + "]";
    }
}
