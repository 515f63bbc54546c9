package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * A token owned and kept alive by another component (Spring Vault's {@code SessionManager}, an in-process
 * agent). The owner logs in, renews and replaces it; the session only asks for the current one: before
 * the first request, about once a second to notice that the owner replaced it, and when Vault rejects it.
 */
final class ExternalTokenAuth extends VaultAuth {
    private final String description;
    private final Supplier<String> token;

    ExternalTokenAuth(String description, Supplier<String> token) {
        this.description = description;
        this.token = token;
    }

    @Override
    boolean replacesRejectedToken() {
        return true; // the owner may have logged in again since; if not, the 403 is passed on
    }

    /**
     * The current token itself, so a token the owner replaced is picked up before Vault has to reject the
     * old one. Never printed: the wrapper's {@code toString()} is redacted.
     */
    @Override
    Object sourceVersion() {
        try {
            return new Current(token.get());
        } catch (RuntimeException e) {
            // Report a change: obtain() then asks again and turns the failure into a typed error.
            return new Current(null);
        }
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        String t;
        try {
            t = token.get();
        } catch (VaultException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(
                    description + " could not provide a Vault token ("
                            + e.getClass().getName() + ")",
                    e);
        }
        if (t == null || t.isBlank()) {
            throw failure(description + " provided no Vault token", null);
        }
        return TokenState.fixed(t);
    }

    private static VaultException failure(String message, Throwable cause) {
        return new VaultException(
                VaultErrorReason.AUTHENTICATION_FAILED, 0, List.of(), null, null, null, message, cause);
    }

    @Override
    public String toString() {
        return "VaultAuth.externalToken(" + description + ")";
    }

    /** A token as a change marker; equal when the token is. */
    private record Current(String token) {
        @Override
        public String toString() {
            return "Current[***]";
        }
    }
}
