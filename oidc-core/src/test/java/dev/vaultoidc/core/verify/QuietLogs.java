package dev.vaultoidc.core.verify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps test output quiet without a logback-test.xml (the module may get one from another change): the
 * verifier's warn logs for outages are expected in these tests.
 */
final class QuietLogs {
    private QuietLogs() {}

    static void apply() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root && root.getLevel() == Level.DEBUG) {
            root.setLevel(Level.WARN);
        }
        if (LoggerFactory.getLogger("dev.vaultoidc.core.verify") instanceof Logger verify) {
            verify.setLevel(Level.ERROR);
        }
    }
}
