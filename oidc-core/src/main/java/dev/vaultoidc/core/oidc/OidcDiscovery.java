package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Vault's OpenID discovery document ({@code GET identity/oidc/.well-known/openid-configuration}, spec §7.8).
 *
 * @param issuer                           the effective issuer, e.g. {@code https://vault:8200/v1/identity/oidc}
 * @param jwksUri                          where the signing keys are published
 * @param responseTypesSupported           {@code ["id_token"]}
 * @param subjectTypesSupported            {@code ["public"]}
 * @param idTokenSigningAlgValuesSupported the seven algorithms Vault can sign with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OidcDiscovery(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,

        @JsonProperty("id_token_signing_alg_values_supported")
        List<String> idTokenSigningAlgValuesSupported) {
    /** Null lists become empty lists. */
    public OidcDiscovery {
        responseTypesSupported = responseTypesSupported == null ? List.of() : List.copyOf(responseTypesSupported);
        subjectTypesSupported = subjectTypesSupported == null ? List.of() : List.copyOf(subjectTypesSupported);
        idTokenSigningAlgValuesSupported =
                idTokenSigningAlgValuesSupported == null ? List.of() : List.copyOf(idTokenSigningAlgValuesSupported);
    }
}
