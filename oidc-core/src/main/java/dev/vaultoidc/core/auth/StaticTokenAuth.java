package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.time.Clock;

/**
 * A fixed token: never replaced. With {@code lookupSelf}, its TTL is learnt from
 * {@code auth/token/lookup-self} so the session can renew it (periodic service tokens die otherwise).
 */
final class StaticTokenAuth extends VaultAuth {
    private final String token;
    private final boolean lookupSelf;

    StaticTokenAuth(String token, boolean lookupSelf) {
        this.token = token;
        this.lookupSelf = lookupSelf;
    }

    @Override
    boolean looksUpLifetime() {
        return lookupSelf;
    }

    @Override
    boolean replacesRejectedToken() {
        return false;
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        return TokenState.fixed(token);
    }

    @Override
    public String toString() {
        return lookupSelf ? "VaultAuth.renewingToken(***)" : "VaultAuth.token(***)";
    }
}
