package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import java.time.Clock;

/** A fixed token: nothing to renew or replace. */
final class StaticTokenAuth extends VaultAuth {
    private final String token;

    StaticTokenAuth(String token) {
        this.token = token;
    }

    @Override
    boolean canReauthenticate() {
        return false;
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        return TokenState.fixed(token);
    }

    @Override
    public String toString() {
        return "VaultAuth.token(***)";
    }
}
