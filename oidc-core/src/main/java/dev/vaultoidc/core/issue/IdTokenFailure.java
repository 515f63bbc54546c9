package dev.vaultoidc.core.issue;

import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.oidc.OidcProviderException;

/** Why an {@link IdTokenSupplier} has no valid ID token to hand out. */
public enum IdTokenFailure {
    /** Vault could not be reached or failed (5xx, 429, timeout, connection or TLS failure); may recover by itself. */
    VAULT_UNAVAILABLE,
    /** Vault refused (400, 403, 404, 405, login failure): e.g. a missing role, or a Vault token without entity. */
    VAULT_REJECTED,
    /** Vault's answer held no usable token (not a JWT, no {@code exp}, already expired). */
    MALFORMED_RESPONSE,
    /** The supplier was closed. */
    CLOSED,
    /** The calling thread was interrupted while waiting for Vault. */
    INTERRUPTED;

    static IdTokenFailure of(VaultErrorReason reason) {
        return switch (reason) {
            case INVALID_REQUEST,
                    PERMISSION_DENIED,
                    NOT_FOUND,
                    UNSUPPORTED_OPERATION,
                    AUTHENTICATION_FAILED,
                    UNEXPECTED_STATUS -> VAULT_REJECTED;
            case MALFORMED_RESPONSE -> MALFORMED_RESPONSE;
            default -> VAULT_UNAVAILABLE;
        };
    }

    /** An OAuth error of a provider's token endpoint: no answer, 429 and 5xx may recover; the rest will not. */
    static IdTokenFailure of(OidcProviderException e) {
        if (e.status() == 0 || e.status() == 429 || e.status() >= 500) {
            return VAULT_UNAVAILABLE;
        }
        return "malformed_response".equals(e.error()) ? MALFORMED_RESPONSE : VAULT_REJECTED;
    }
}
