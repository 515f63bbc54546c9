package dev.vaultoidc.core.http;

import java.time.Duration;

/**
 * Waits between retry attempts. Injectable so tests can record backoff delays (and advance a test
 * clock) instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real sleeper, {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
