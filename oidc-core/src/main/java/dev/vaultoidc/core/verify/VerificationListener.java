package dev.vaultoidc.core.verify;

import java.time.Duration;
import java.util.List;

/**
 * Hooks for metrics and logging. Every method has a no-op default; implementations must be fast and
 * thread-safe. An exception thrown by a listener is swallowed so it can never change a verification result.
 */
public interface VerificationListener {

    /**
     * One listener that passes every event to each of {@code listeners} in order (e.g. metrics plus the
     * application's own). A listener that throws is skipped for that event; the others still receive it.
     */
    static VerificationListener composite(List<? extends VerificationListener> listeners) {
        List<VerificationListener> all = List.copyOf(listeners);
        return all.size() == 1 ? all.get(0) : new CompositeVerificationListener(all);
    }

    /** As {@link #composite(List)}. */
    static VerificationListener composite(VerificationListener... listeners) {
        return composite(List.of(listeners));
    }

    /** A token was accepted; {@code fromCache} when it came from the verified-token cache. */
    default void onVerified(String issuer, boolean fromCache) {}

    /** A token was rejected. {@code issuer} is the configured issuer it was checked against, or {@code null}. */
    default void onRejected(String issuer, VerificationFailure reason) {}

    /** The issuer's JWKS was fetched successfully. */
    default void onJwksFetched(String issuer, int keyCount, boolean forced) {}

    /** Fetching discovery or the JWKS failed; cached keys (if any) stay in use within the staleness tolerance. */
    default void onJwksFetchFailed(String issuer, String error) {}

    /**
     * One member of the issuer's JWKS could not be used and was skipped (the other keys stay usable): bad key
     * material, an unknown curve, a {@code use}/{@code key_ops} clash, {@code key_ops} without {@code verify}, a
     * non-string {@code kid}, and so on. Called for each skipped key on every fetch, so a counter shows how many
     * are skipped; {@code kid} is the member's key id as text (sanitized, possibly {@code null}).
     */
    default void onJwksKeySkipped(String issuer, String kid, String reason) {}

    /** A refresh requested for an unknown {@code kid} was deferred by the rate limit. */
    default void onRefreshRateLimited(String issuer) {}

    /** Keys older than their TTL were used because Vault could not be reached; {@code keyAge} since the last fetch. */
    default void onStaleKeysUsed(String issuer, Duration keyAge) {}
}
