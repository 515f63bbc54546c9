package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * AppRole login ({@code POST auth/{mount}/login} with {@code role_id} and {@code secret_id}).
 * Immutable; {@link #mount(String)} returns a copy.
 *
 * <p>The login is not retried on ambiguous failures: a secret_id may allow a bounded number of
 * uses, and a repeated login would spend one.
 */
public final class AppRoleAuth extends VaultAuth {
    private final String mount;
    private final String roleId;
    private final Supplier<String> secretId;

    AppRoleAuth(String mount, String roleId, Supplier<String> secretId) {
        this.mount = Mounts.check(mount);
        this.roleId = roleId;
        this.secretId = secretId;
    }

    /** The same login at another mount path, e.g. {@code "approle-prod"}. */
    public AppRoleAuth mount(String mount) {
        return new AppRoleAuth(mount, roleId, secretId);
    }

    @Override
    boolean replacesRejectedToken() {
        return true;
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        return login(unauthenticated, mount, Map.of("role_id", roleId, "secret_id", secretId.get()), false, clock);
    }

    @Override
    public String toString() {
        return "VaultAuth.appRole(mount=" + mount + ", roleId=***, secretId=***)";
    }
}
