package dev.vaultoidc.core.http;

import dev.vaultoidc.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to retry a failed Vault request. Immutable and thread-safe.
 *
 * <p>What is retried:
 * <ul>
 *   <li>Reads, lists, deletes and writes marked idempotent: HTTP 429, 500, 502, 503, 504,
 *       connection failures, timeouts and truncated bodies.</li>
 *   <li>Other writes: only failures where Vault provably did not run the request: 429 (the quota
 *       check happens before the handler), 503 (sealed or standby, rejected before the handler) and a
 *       connection that could not be established. A 500, a timeout or a dropped connection after the
 *       request was sent is ambiguous, so the write is not repeated.</li>
 * </ul>
 *
 * <p>Delays grow exponentially from {@link Builder#initialBackoff} by {@link Builder#multiplier} up
 * to {@link Builder#maxBackoff}, each reduced by a random fraction of up to {@link Builder#jitter} so
 * that many clients do not retry in lockstep. A {@code Retry-After} header (seconds or HTTP date)
 * replaces the computed delay. No attempt starts once {@link Builder#maxElapsed} has passed since the
 * first one, and no delay is taken that would end beyond it.
 *
 * <p>Defaults: 4 attempts, 200 ms initial backoff doubling to at most 5 s, jitter 0.5, 30 s total
 * (see {@code docs/vault-client.md} for the reasons).
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxElapsed;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxElapsed = b.maxElapsed;
    }

    /** The default policy. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A policy that never retries. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The maximum number of attempts, including the first. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before the first retry, before jitter. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The cap on any computed delay, before jitter. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The growth factor between successive delays. */
    public double multiplier() {
        return multiplier;
    }

    /** The largest fraction by which a delay is randomly shortened (0 = no jitter). */
    public double jitter() {
        return jitter;
    }

    /** The total time budget: no attempt starts, and no delay ends, later than this after the first attempt. */
    public Duration maxElapsed() {
        return maxElapsed;
    }

    /**
     * The delay before retry number {@code retry} (1 = first retry), given a uniform random number in
     * [0, 1).
     */
    public Duration backoff(int retry, double random) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
        double capped = Math.min(base, maxBackoff.toNanos());
        return Duration.ofNanos((long) (capped * (1.0 - jitter * random)));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxElapsed=" + maxElapsed
                + "]";
    }

    /** Builds a {@link RetryPolicy}; validates each value as it is set. */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxElapsed = Duration.ofSeconds(30);

        private Builder() {}

        /** Total attempts including the first; 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The delay before the first retry. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /** The cap on computed delays. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** The growth factor, at least 1. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0)) {
                throw new IllegalArgumentException("multiplier must be >= 1");
            }
            this.multiplier = multiplier;
            return this;
        }

        /** The random reduction fraction, in [0, 1]. */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw new IllegalArgumentException("jitter must be in [0, 1]");
            }
            this.jitter = jitter;
            return this;
        }

        /** The total time budget for all attempts and delays. */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = nonNegative(maxElapsed, "maxElapsed");
            return this;
        }

        /** Builds the policy. */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            return Checks.nonNegative(Objects.requireNonNull(d, name), name);
        }
    }

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
}
