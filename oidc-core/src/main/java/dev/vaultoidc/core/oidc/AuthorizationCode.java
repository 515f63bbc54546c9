package dev.vaultoidc.core.oidc;

/**
 * The answer of {@code authorize} (spec §9.8): a single-use code that lives 5 minutes. {@link #toString()} hides
 * the code.
 *
 * @param code  the authorization code
 * @param state the request's {@code state}, echoed; {@code ""} when none was sent
 */
public record AuthorizationCode(String code, String state) {
    @Override
    public String toString() {
        return "AuthorizationCode[code=<redacted>, state=" + state + "]";
    }
}
