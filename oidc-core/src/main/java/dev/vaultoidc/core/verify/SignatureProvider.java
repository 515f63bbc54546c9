package dev.vaultoidc.core.verify;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which JCA provider checks token signatures ({@link TokenVerifier.Builder#signatureProvider}). Only the
 * signature check changes; parsing, key selection and every claim rule are the same on both paths, and the native
 * path accepts exactly the signatures the JDK accepts (a known-answer self-test makes sure before it is used).
 *
 * <p>The native provider is the Amazon Corretto Crypto Provider (ACCP, AWS-LC), an <em>optional</em> dependency
 * with one jar per platform ({@code software.amazon.cryptools:AmazonCorrettoCryptoProvider}, classifier such as
 * {@code linux-x86_64} or {@code linux-aarch64}; see docs/verifier.md). The verifier calls it directly and never
 * registers it with {@link java.security.Security}, so the rest of the application's cryptography is untouched.
 */
public enum SignatureProvider {
    /**
     * The default: the native provider when it is on the class path, loads on this platform and passes the
     * self-test for an algorithm; the JDK otherwise, per algorithm. A provider that is present but fails to load or
     * fails the self-test is reported in one WARN line and in {@link TokenVerifier#signatureStatus()}.
     */
    AUTO,
    /** Always the JDK's own providers; the native provider is never loaded. */
    JDK,
    /**
     * The native provider for every configured algorithm, or {@link TokenVerifier.Builder#build()} fails with an
     * {@link UnavailableException} that says why.
     */
    NATIVE;

    /** Why the native provider is not used. */
    public enum Unavailability {
        /** ACCP is not on the class path (the usual case when the application did not add it). */
        NOT_ON_CLASS_PATH,
        /** ACCP is on the class path but did not load, e.g. a jar for another platform or no native library. */
        NOT_LOADED,
        /** ACCP loaded but its own health check or the verifier's known-answer self-test failed. */
        SELF_TEST_FAILED
    }

    /** {@link #NATIVE} was required but the native provider cannot be used; thrown by {@code build()}. */
    public static final class UnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final Unavailability reason;

        UnavailableException(Unavailability reason, String message) {
            super(message);
            this.reason = Objects.requireNonNull(reason);
        }

        /** Why the native provider cannot be used. */
        public Unavailability reason() {
            return reason;
        }
    }

    /**
     * Which provider a verifier checks signatures with, for health checks and diagnostics.
     *
     * @param requested        the configured choice
     * @param active           {@link #NATIVE} when at least one configured algorithm is checked natively, else
     *                         {@link #JDK}
     * @param nativeAlgorithms the JWS algorithms ({@code RS256}, {@code ES256}, ...) checked natively; empty on the
     *                         JDK path
     * @param nativeProvider   the native provider and its version, or {@code null} when none is used
     * @param fallback         why the JDK is used where {@link #AUTO} would have used the native provider (for all
     *                         algorithms, or those that failed the self-test), or {@code null}
     * @param fallbackDetail   the reason in words, e.g. the failed self-test case, or {@code null}
     */
    public record Status(
            SignatureProvider requested,
            SignatureProvider active,
            Set<String> nativeAlgorithms,
            String nativeProvider,
            Unavailability fallback,
            String fallbackDetail) {
        public Status {
            Objects.requireNonNull(requested, "requested");
            Objects.requireNonNull(active, "active");
            // Kept in the caller's order (Vault's algorithm order) for a readable health page.
            nativeAlgorithms = Collections.unmodifiableSet(new LinkedHashSet<>(nativeAlgorithms));
        }
    }
}
