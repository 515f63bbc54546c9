package dev.vaultoidc.core.internal.auth;

import dev.vaultoidc.core.http.VaultOperations;
import java.time.Clock;

/**
 * What a {@code VaultAuth} knows about its own tokens, as the {@link VaultTokenSession} needs it: how to
 * obtain one, whether a rejected one can be replaced, whether its lifetime must be looked up, and whether
 * its source can change underneath. The session holds the token; the method owns these decisions, so
 * the session never asks which kind of auth it has.
 */
public interface LoginMethod {

    /** Obtains a fresh token: a login through {@code unauthenticated}, or reading the configured token. */
    TokenState obtain(VaultOperations unauthenticated, Clock clock);

    /**
     * On a 403 that says the token is dead: whether {@link #obtain} can give a different token (a login,
     * a re-read file). A fixed token cannot be replaced, so the 403 is passed on.
     */
    boolean replacesRejectedToken();

    /** Whether requests carry a token at all; false for clients of Vault's unauthenticated paths only. */
    default boolean sendsToken() {
        return true;
    }

    /**
     * Whether the session learns the lifetime of an obtained token with {@code auth/token/lookup-self},
     * so that a fixed but renewable token gets renewed.
     */
    default boolean looksUpLifetime() {
        return false;
    }

    /**
     * A cheap fingerprint of the token's source (e.g. a file's size and modification time), or null when
     * the source never changes. The session obtains the token again when the fingerprint changes.
     */
    default Object sourceVersion() {
        return null;
    }
}
