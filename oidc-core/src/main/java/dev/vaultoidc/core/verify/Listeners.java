package dev.vaultoidc.core.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listener hooks so that a failing listener can never change a verification outcome. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    static void safe(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("VerificationListener threw; ignored", e);
        }
    }
}
