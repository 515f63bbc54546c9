package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.time.Clock;
import java.util.List;

/** No credentials: for Vault's unauthenticated paths only (spec §1.9: discovery, JWKS). */
final class NoAuth extends VaultAuth {

    static final NoAuth INSTANCE = new NoAuth();

    private NoAuth() {}

    @Override
    boolean replacesRejectedToken() {
        return false;
    }

    @Override
    boolean sendsToken() {
        return false;
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        throw new VaultException(
                VaultErrorReason.AUTHENTICATION_FAILED,
                0,
                List.of(),
                null,
                null,
                null,
                "this client has no Vault credentials (VaultAuth.none())",
                null);
    }

    @Override
    public String toString() {
        return "VaultAuth.none()";
    }
}
