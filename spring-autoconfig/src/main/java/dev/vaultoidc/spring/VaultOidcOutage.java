package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.VerificationFailure;
import dev.vaultoidc.core.verify.VerificationListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Spring integrations answer when a token cannot be verified because Vault's keys (or its online check)
 * are unavailable: 503 with {@code Retry-After} and {@code error="temporarily_unavailable"}, never a 401 that would
 * make clients throw away a good token. Also the one place that logs an outage: a WARN when the first request
 * fails for lack of keys, an INFO when keys are fetched again; nothing per request and no stack traces.
 */
final class VaultOidcOutage implements VerificationListener {
    static final String ERROR = "temporarily_unavailable";
    static final String DESCRIPTION = "The token cannot be verified now; retry later";

    private static final Logger LOG = LoggerFactory.getLogger(VaultOidcOutage.class);

    private final String retryAfterSeconds;
    private final AtomicBoolean inOutage = new AtomicBoolean();

    VaultOidcOutage(Duration retryAfter) {
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /** The {@code Retry-After} value, in whole seconds (at least 1). */
    String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code WWW-Authenticate} challenge of the 503. */
    String challenge() {
        return "Bearer error=\"" + ERROR + "\", error_description=\"" + DESCRIPTION + "\"";
    }

    /** The JSON body of the 503 (fixed text: no token, no internal message). */
    static String body() {
        return "{\"error\":\"" + ERROR + "\",\"error_description\":\"" + DESCRIPTION + "\"}";
    }

    /** Whether {@code t} (or a cause) says Vault could not answer, rather than the token being bad. */
    static boolean isOutage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TokenVerificationException e) {
                return e.reason() == VerificationFailure.KEYS_UNAVAILABLE
                        || e.reason() == VerificationFailure.INTROSPECTION_UNAVAILABLE;
            }
        }
        return false;
    }

    @Override
    public void onRejected(String issuer, VerificationFailure reason) {
        if ((reason == VerificationFailure.KEYS_UNAVAILABLE || reason == VerificationFailure.INTROSPECTION_UNAVAILABLE)
                && inOutage.compareAndSet(false, true)) {
            LOG.warn(
                    "Answering 503 with Retry-After {}s: tokens of issuer {} cannot be verified ({}); the health "
                            + "endpoint shows the last fetch error. Logged once until keys are fetched again.",
                    retryAfterSeconds,
                    issuer,
                    reason);
        }
    }

    @Override
    public void onVerified(String issuer, boolean fromCache) {
        // A volatile read on the hot path; the CAS only while an outage is being reported.
        if (inOutage.get() && inOutage.compareAndSet(true, false)) {
            LOG.info("Tokens of issuer {} are verified again", issuer);
        }
    }

    @Override
    public void onJwksFetched(String issuer, int keyCount, boolean forced) {
        if (inOutage.compareAndSet(true, false)) {
            LOG.info("Keys of issuer {} fetched again ({} keys): tokens are verified again", issuer, keyCount);
        }
    }
}
