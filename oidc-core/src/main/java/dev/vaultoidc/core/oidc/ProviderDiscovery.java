package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A provider's OpenID discovery document ({@code GET identity/oidc/provider/:name/.well-known/openid-configuration},
 * spec §9.6). Note that {@code authorizationEndpoint} is Vault's UI consent page ({@code /ui/vault/…}); API
 * clients call {@code <issuer>/authorize}.
 *
 * @param issuer                            the effective issuer
 * @param jwksUri                           {@code <issuer>/.well-known/keys}
 * @param authorizationEndpoint             the UI consent page
 * @param tokenEndpoint                     {@code <issuer>/token}
 * @param userinfoEndpoint                  {@code <issuer>/userinfo}
 * @param requestParameterSupported         always false
 * @param requestUriParameterSupported      always false
 * @param idTokenSigningAlgValuesSupported  the seven algorithms Vault can sign with
 * @param responseTypesSupported            {@code ["code"]}
 * @param scopesSupported                   the provider's scopes and {@code openid}
 * @param claimsSupported                   always empty
 * @param subjectTypesSupported             {@code ["public"]}
 * @param grantTypesSupported               {@code ["authorization_code"]} (OpenBao 2.7.2 does not list its
 *                                          client-credentials grant here either)
 * @param tokenEndpointAuthMethodsSupported {@code none, client_secret_basic, client_secret_post}
 * @param codeChallengeMethodsSupported     {@code plain, S256} on Vault; empty on OpenBao, which omits the field
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderDiscovery(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("userinfo_endpoint") String userinfoEndpoint,
        @JsonProperty("request_parameter_supported") boolean requestParameterSupported,
        @JsonProperty("request_uri_parameter_supported") boolean requestUriParameterSupported,

        @JsonProperty("id_token_signing_alg_values_supported")
        List<String> idTokenSigningAlgValuesSupported,

        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("claims_supported") List<String> claimsSupported,
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,

        @JsonProperty("token_endpoint_auth_methods_supported")
        List<String> tokenEndpointAuthMethodsSupported,

        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported) {

    /** Null lists become empty lists. */
    public ProviderDiscovery {
        idTokenSigningAlgValuesSupported = copy(idTokenSigningAlgValuesSupported);
        responseTypesSupported = copy(responseTypesSupported);
        scopesSupported = copy(scopesSupported);
        claimsSupported = copy(claimsSupported);
        subjectTypesSupported = copy(subjectTypesSupported);
        grantTypesSupported = copy(grantTypesSupported);
        tokenEndpointAuthMethodsSupported = copy(tokenEndpointAuthMethodsSupported);
        codeChallengeMethodsSupported = copy(codeChallengeMethodsSupported);
    }

    private static List<String> copy(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
