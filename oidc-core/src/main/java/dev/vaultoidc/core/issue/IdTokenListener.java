package dev.vaultoidc.core.issue;

import java.time.Instant;
import java.util.List;

/**
 * Events of an {@link IdTokenSupplier}, for metrics and alerting (e.g. a Micrometer counter of fetches
 * by outcome). Called on the thread that fetched; implementations must be fast and must not throw
 * (a throwing listener is ignored). Never receives the token itself.
 */
public interface IdTokenListener {

    /**
     * One listener that passes every event to each of {@code listeners} in order (e.g. metrics plus the
     * application's own). A listener that throws is skipped for that event; the others still receive it.
     */
    static IdTokenListener composite(List<? extends IdTokenListener> listeners) {
        List<IdTokenListener> all = List.copyOf(listeners);
        return all.size() == 1 ? all.get(0) : new CompositeIdTokenListener(all);
    }

    /** As {@link #composite(List)}. */
    static IdTokenListener composite(IdTokenListener... listeners) {
        return composite(List.of(listeners));
    }

    /** A new token for {@code role} was fetched from Vault; it expires at {@code expiresAt}. */
    default void onFetched(String role, Instant expiresAt) {}

    /**
     * Fetching a token for {@code role} failed.
     *
     * @param servingCached whether callers still get the previous, still-usable token
     * @param failure what went wrong (a {@code VaultException} with its reason, most often)
     */
    default void onFetchFailed(String role, boolean servingCached, RuntimeException failure) {}
}
