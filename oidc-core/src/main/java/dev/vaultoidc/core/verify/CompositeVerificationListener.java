package dev.vaultoidc.core.verify;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** {@link VerificationListener#composite}: each listener is isolated, so one that throws cannot starve the rest. */
record CompositeVerificationListener(List<VerificationListener> all) implements VerificationListener {

    private void each(Consumer<VerificationListener> call) {
        for (VerificationListener l : all) {
            Listeners.safe(() -> call.accept(l));
        }
    }

    @Override
    public void onVerified(String issuer, boolean fromCache) {
        each(l -> l.onVerified(issuer, fromCache));
    }

    @Override
    public void onRejected(String issuer, VerificationFailure reason) {
        each(l -> l.onRejected(issuer, reason));
    }

    @Override
    public void onJwksFetched(String issuer, int keyCount, boolean forced) {
        each(l -> l.onJwksFetched(issuer, keyCount, forced));
    }

    @Override
    public void onJwksFetchFailed(String issuer, String error) {
        each(l -> l.onJwksFetchFailed(issuer, error));
    }

    @Override
    public void onJwksKeySkipped(String issuer, String kid, String reason) {
        each(l -> l.onJwksKeySkipped(issuer, kid, reason));
    }

    @Override
    public void onRefreshRateLimited(String issuer) {
        each(l -> l.onRefreshRateLimited(issuer));
    }

    @Override
    public void onStaleKeysUsed(String issuer, Duration keyAge) {
        each(l -> l.onStaleKeysUsed(issuer, keyAge));
    }
}
