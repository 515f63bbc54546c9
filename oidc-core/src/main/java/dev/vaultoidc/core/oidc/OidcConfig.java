package dev.vaultoidc.core.oidc;

import java.util.List;

/**
 * The identity tokens backend configuration ({@code GET identity/oidc/config}, spec §7.2).
 *
 * @param issuer   the configured issuer ({@code scheme://host[:port]}), or {@code ""} when Vault uses its
 *                 {@code api_addr}
 * @param warnings Vault's warnings, e.g. when both issuer and {@code api_addr} are empty; never null
 */
public record OidcConfig(String issuer, List<String> warnings) {
    /** Copies the list; null becomes empty. */
    public OidcConfig {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Whether an issuer is configured explicitly (otherwise Vault's {@code api_addr} is used). */
    public boolean hasExplicitIssuer() {
        return issuer != null && !issuer.isEmpty();
    }
}
