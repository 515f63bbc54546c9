package dev.vaultoidc.core.internal.auth;

import java.util.Objects;
import java.util.function.Function;

/**
 * Reaches the {@link LoginMethod} behind a {@code VaultAuth} without making it API, in the way OkHttp's
 * old {@code Internal.instance} did: {@code VaultAuth} installs the accessor when it is initialised, which
 * has happened by the time anyone holds an instance. Typed {@code Object} so that this package does not
 * depend on the public auth package (which depends on it).
 */
public final class LoginMethods {

    private static volatile Function<Object, LoginMethod> access;

    private LoginMethods() {}

    /** Called once, by {@code VaultAuth}'s static initialiser. */
    public static void install(Function<Object, LoginMethod> accessor) {
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /** The login method of {@code auth}, a {@code VaultAuth}. */
    public static LoginMethod of(Object auth) {
        return access.apply(Objects.requireNonNull(auth, "auth"));
    }
}
