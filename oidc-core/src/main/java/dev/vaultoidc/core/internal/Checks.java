package dev.vaultoidc.core.internal;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The argument checks every builder and path of oidc-core shares, written once: durations and Vault's
 * name pattern. Internal; callers keep their own wording for the error they throw.
 */
public final class Checks {

    /**
     * Vault's {@code framework.GenericNameRegex} (spec §1.1), for IDs, key names and role names in paths:
     * a name that does not match gets Vault's 404 "unsupported path", and one such as {@code ../sys} must
     * never address another endpoint.
     */
    private static final Pattern VAULT_NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");

    private Checks() {}

    /** Whether {@code name} matches Vault's generic name pattern; false for null. */
    public static boolean isVaultName(String name) {
        return name != null && VAULT_NAME.matcher(name).matches();
    }

    /**
     * {@code d}, if it is zero or more.
     *
     * @throws IllegalArgumentException {@code "<what> must not be negative"}, also for null (callers
     *     that want a NullPointerException check for null first)
     */
    public static Duration nonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return d;
    }

    /**
     * {@code d}, if it is more than zero.
     *
     * @throws IllegalArgumentException {@code "<what> must be positive"}, also for null
     */
    public static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }
}
