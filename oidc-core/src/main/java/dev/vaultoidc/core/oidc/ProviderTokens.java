package dev.vaultoidc.core.oidc;

import java.time.Duration;

/**
 * A token endpoint answer (spec §9.9; OpenBao's client-credentials grant, §9.12). {@link #toString()} shows no
 * token.
 *
 * @param accessToken the access token: a Vault batch token usable only at the provider's userinfo (code flow),
 *                    or a signed JWT with {@code sub = aud = client_id} (OpenBao client credentials)
 * @param idToken     the ID token (code flow); {@code ""} for client credentials
 * @param expiresIn   the access token's lifetime
 * @param tokenType   {@code Bearer}
 */
public record ProviderTokens(String accessToken, String idToken, Duration expiresIn, String tokenType) {
    @Override
    public String toString() {
        return "ProviderTokens[accessToken=<redacted>, idToken="
                + (idToken == null || idToken.isEmpty() ? "" : "<redacted>") + ", expiresIn=" + expiresIn
                + ", tokenType=" + tokenType + "]";
    }
}
