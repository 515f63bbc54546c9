package dev.vaultoidc.core.issue;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link IdTokenListener#composite}: each listener is isolated, so one that throws cannot starve the rest. */
record CompositeIdTokenListener(List<IdTokenListener> all) implements IdTokenListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeIdTokenListener.class);

    private void each(Consumer<IdTokenListener> call) {
        for (IdTokenListener l : all) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.debug("IdTokenListener threw; ignored", e);
            }
        }
    }

    @Override
    public void onFetched(String role, Instant expiresAt) {
        each(l -> l.onFetched(role, expiresAt));
    }

    @Override
    public void onFetchFailed(String role, boolean servingCached, RuntimeException failure) {
        each(l -> l.onFetchFailed(role, servingCached, failure));
    }
}
