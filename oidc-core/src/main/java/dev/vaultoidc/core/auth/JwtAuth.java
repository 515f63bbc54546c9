package dev.vaultoidc.core.auth;

import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.internal.auth.TokenState;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JWT login ({@code POST auth/{mount}/login} with {@code role} and {@code jwt}). The supplier is
 * called at each login so it can hand out a fresh JWT. Immutable; {@link #mount(String)} returns a
 * copy.
 */
public final class JwtAuth extends VaultAuth {
    private final String mount;
    private final String role;
    private final Supplier<String> jwt;

    JwtAuth(String mount, String role, Supplier<String> jwt) {
        this.mount = Mounts.check(mount);
        this.role = role;
        this.jwt = jwt;
    }

    /** The same login at another mount path, e.g. {@code "oidc"} or {@code "jwt-github"}. */
    public JwtAuth mount(String mount) {
        return new JwtAuth(mount, role, jwt);
    }

    @Override
    boolean replacesRejectedToken() {
        return true;
    }

    @Override
    TokenState obtain(VaultOperations unauthenticated, Clock clock) {
        String token = Secrets.requireText(jwt.get(), "jwt");
        // A repeated login only issues another token, so it may be retried like a read.
        return login(unauthenticated, mount, Map.of("role", role, "jwt", token), true, clock);
    }

    @Override
    public String toString() {
        return "VaultAuth.jwt(mount=" + mount + ", role=" + role + ", jwt=***)";
    }
}
