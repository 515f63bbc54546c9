package dev.vaultoidc.core.oidc;

/**
 * What {@link OidcProviders#setUp} produced: everything a relying party needs. {@link #toString()} never shows
 * the secret.
 *
 * @param issuer       the provider's effective issuer (for {@code TokenVerifier.Builder.issuer} or discovery)
 * @param clientId     the client ID (the {@code aud} of its ID tokens)
 * @param clientSecret the client secret; {@code ""} for a public client
 */
public record ProviderSetup(String issuer, String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "ProviderSetup[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null || clientSecret.isEmpty() ? "" : "<redacted>") + "]";
    }
}
