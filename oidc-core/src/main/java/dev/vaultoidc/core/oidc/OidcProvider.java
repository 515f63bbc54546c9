package dev.vaultoidc.core.oidc;

import java.util.List;

/**
 * An OIDC provider ({@code GET identity/oidc/provider/:name}, spec §9.5).
 *
 * @param name             the provider's name
 * @param issuer           the effective issuer, {@code <issuer or api_addr>/v1/<ns/>identity/oidc/provider/<name>},
 *                         exactly what the provider's tokens carry in {@code iss} (Vault never returns the
 *                         stored value; its docs' sample {@code ""} is wrong)
 * @param allowedClientIds the client IDs that may use the provider; {@code ["*"]} for all
 * @param scopesSupported  the scopes offered besides {@code openid}
 */
public record OidcProvider(String name, String issuer, List<String> allowedClientIds, List<String> scopesSupported) {
    /** Copies the lists, so the record is immutable. */
    public OidcProvider {
        allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
        scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
    }
}
