package dev.vaultoidc.servlet;

import dev.vaultoidc.core.verify.VerificationFailure;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a request is refused (RFC 6750 §3). {@code error} is {@code null} only for "no token", which §3.1 answers
 * without an error code. The description is a fixed text: never the token, a claim value or an internal message.
 */
record Rejection(int status, String error, String description) {
    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_TOKEN = "invalid_token";
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    /** Only in JSON bodies: the 503 does not blame the token, so it carries no RFC 6750 code. */
    static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    static final Rejection NO_TOKEN =
            new Rejection(HttpServletResponse.SC_UNAUTHORIZED, null, "A bearer token is required");

    static Rejection invalidRequest(String description) {
        return new Rejection(HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST, description);
    }

    static Rejection invalidToken(String description) {
        return new Rejection(HttpServletResponse.SC_UNAUTHORIZED, INVALID_TOKEN, description);
    }

    static Rejection insufficientScope(String description) {
        return new Rejection(HttpServletResponse.SC_FORBIDDEN, INSUFFICIENT_SCOPE, description);
    }

    boolean unavailable() {
        return status == HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }

    /**
     * Maps a verifier failure. When Vault's keys (or the online check) are unavailable the token may well be
     * good: a 401 would make clients drop valid tokens, so the answer is 503 and the client retries.
     */
    static Rejection of(VerificationFailure reason) {
        return switch (reason) {
            case KEYS_UNAVAILABLE, INTROSPECTION_UNAVAILABLE ->
                new Rejection(
                        HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        TEMPORARILY_UNAVAILABLE,
                        "The token cannot be verified now; retry later");
            case MALFORMED -> invalidToken("The token is malformed");
            case TOO_LARGE -> invalidToken("The token is too large");
            case UNSUPPORTED_HEADER -> invalidToken("The token header is not supported");
            case FORBIDDEN_ALGORITHM, UNSUPPORTED_ALGORITHM -> invalidToken("The token algorithm is not accepted");
            case UNKNOWN_KEY -> invalidToken("The token signing key is unknown");
            case BAD_SIGNATURE -> invalidToken("The token signature is invalid");
            case EXPIRED -> invalidToken("The token has expired");
            case NOT_YET_VALID -> invalidToken("The token is not valid yet");
            case ISSUED_IN_FUTURE -> invalidToken("The token was issued in the future");
            case WRONG_ISSUER -> invalidToken("The token issuer is not accepted");
            case WRONG_AUDIENCE -> invalidToken("The token audience is not accepted");
            case MISSING_CLAIM -> invalidToken("The token lacks a required claim");
            case CLAIM_MISMATCH -> invalidToken("The token claims are not accepted");
            case INACTIVE -> invalidToken("The token is no longer active");
        };
    }
}
