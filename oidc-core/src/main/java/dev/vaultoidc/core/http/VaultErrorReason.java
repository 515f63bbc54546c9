package dev.vaultoidc.core.http;

/**
 * Why a Vault operation failed. Callers switch on this rather than on message text, which Vault
 * does not keep stable (spec §1.7).
 */
public enum VaultErrorReason {
    /** 400: Vault rejected the request (validation or business rule); see {@code errors()}. */
    INVALID_REQUEST,
    /** 403: the token is missing, invalid or expired, or its policies do not allow the operation. */
    PERMISSION_DENIED,
    /** 404 with a message (e.g. "unsupported path"), or a 404 where absence is not a valid answer. */
    NOT_FOUND,
    /** 405: the path exists but does not support this operation. */
    UNSUPPORTED_OPERATION,
    /** 429: a rate-limit or lease-count quota was exceeded. */
    RATE_LIMITED,
    /** 500 and other 5xx except 503 (e.g. 502 and 504 from a proxy). */
    SERVER_ERROR,
    /** 503: Vault is sealed, a standby that cannot serve the request, or overloaded. */
    UNAVAILABLE,
    /** A connect, read or call timeout expired. */
    TIMEOUT,
    /** The connection could not be made or was dropped. */
    CONNECTION_FAILURE,
    /** The TLS handshake failed (untrusted certificate, hostname mismatch, client certificate refused). */
    TLS_FAILURE,
    /** The body was not JSON, was truncated, or did not have the shape Vault documents. */
    MALFORMED_RESPONSE,
    /** Logging in to Vault failed, or no credential was available (e.g. an unreadable token file). */
    AUTHENTICATION_FAILED,
    /** Any other HTTP status, e.g. a redirect or 413. */
    UNEXPECTED_STATUS;

    /** The reason for an HTTP error status. */
    public static VaultErrorReason forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> UNSUPPORTED_OPERATION;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 && status <= 599 ? SERVER_ERROR : UNEXPECTED_STATUS;
        };
    }
}
