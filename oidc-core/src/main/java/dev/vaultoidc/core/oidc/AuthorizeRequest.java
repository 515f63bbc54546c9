package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of an authorization request ({@code identity/oidc/provider/:name/authorize}, spec §9.8). Null
 * fields are not sent. {@code scope} must contain {@code openid}; {@code response_type} is {@code code}.
 *
 * @param clientId            the client ID
 * @param redirectUri         one of the client's redirect URIs
 * @param scope               space-separated scopes, e.g. {@code openid groups}
 * @param responseType        {@code code}
 * @param state               opaque value echoed back; null to not send
 * @param nonce               copied into the ID token's {@code nonce}; null to not send
 * @param maxAge              seconds since the user's Vault token was created, at most; null to not send
 * @param codeChallenge       the PKCE challenge (required for public clients); null to not send
 * @param codeChallengeMethod {@code S256} or {@code plain}; null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizeRequest(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("redirect_uri") String redirectUri,
        @JsonProperty("scope") String scope,
        @JsonProperty("response_type") String responseType,
        @JsonProperty("state") String state,
        @JsonProperty("nonce") String nonce,
        @JsonProperty("max_age") Long maxAge,
        @JsonProperty("code_challenge") String codeChallenge,
        @JsonProperty("code_challenge_method") String codeChallengeMethod) {

    /** A code-flow request with {@code response_type=code}; add the rest with the {@code with…} methods. */
    public static AuthorizeRequest code(String clientId, String redirectUri, String scope) {
        return new AuthorizeRequest(clientId, redirectUri, scope, "code", null, null, null, null, null);
    }

    /** This request with {@code state}. */
    public AuthorizeRequest withState(String state) {
        return new AuthorizeRequest(
                clientId, redirectUri, scope, responseType, state, nonce, maxAge, codeChallenge, codeChallengeMethod);
    }

    /** This request with {@code nonce}. */
    public AuthorizeRequest withNonce(String nonce) {
        return new AuthorizeRequest(
                clientId, redirectUri, scope, responseType, state, nonce, maxAge, codeChallenge, codeChallengeMethod);
    }

    /** This request with {@code max_age} in seconds. */
    public AuthorizeRequest withMaxAge(long seconds) {
        return new AuthorizeRequest(
                clientId, redirectUri, scope, responseType, state, nonce, seconds, codeChallenge, codeChallengeMethod);
    }

    /** This request with the challenge of {@code pkce}. */
    public AuthorizeRequest withPkce(Pkce pkce) {
        return new AuthorizeRequest(
                clientId, redirectUri, scope, responseType, state, nonce, maxAge, pkce.challenge(), pkce.method());
    }
}
