package dev.vaultoidc.core.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate limit on JWKS fetches forced by tokens naming an unknown {@code kid}, one decorator of the key
 * cache in the spirit of Nimbus's {@code JWKSourceBuilder}: at most one forced fetch per {@code interval},
 * counting any fetch attempt. A kid that arrives inside the interval is owed a trailing fetch, which the
 * next request after the interval starts; so a flood of bogus kids costs one fetch per interval and never
 * uses up the capacity a real rotation needs (every fetch, whoever triggered it, brings every new kid).
 *
 * <p>Callers queue behind the one forced fetch ({@link #enter()}) and then see its result: a thread that
 * arrives while it is under way must not reject a kid that fetch is about to bring. The queue is bounded by
 * {@code maxWait}. Thread-safe.
 */
final class UnknownKidRateLimiter {

    private final Duration interval;
    private final Duration maxWait;
    private final ReentrantLock forcedFetch = new ReentrantLock();
    private final AtomicBoolean owed = new AtomicBoolean();
    private final AtomicReference<Instant> lastForced = new AtomicReference<>(Instant.MIN);

    UnknownKidRateLimiter(Duration interval, Duration maxWait) {
        this.interval = interval;
        this.maxWait = maxWait;
    }

    /**
     * Waits, at most {@code maxWait}, for the right to decide on a forced fetch; pair a {@code true} with
     * {@link #exit()}. False when another caller's fetch took too long.
     */
    boolean enter() throws InterruptedException {
        return forcedFetch.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** As {@link #enter()} without waiting: false when another caller holds the right. */
    boolean tryEnterNow() {
        return forcedFetch.tryLock();
    }

    /** Whether a refused kid is owed a fetch. */
    boolean owed() {
        return owed.get();
    }

    /** Gives up the right taken by {@link #enter()} or {@link #tryEnterNow()}. */
    void exit() {
        forcedFetch.unlock();
    }

    /**
     * Claims a forced fetch at {@code now}. {@code lastAttempt} is the latest fetch attempt of any kind
     * (null if none), which counts against the interval as much as a forced one. True: the caller fetches now.
     */
    boolean tryClaim(Instant now, Instant lastAttempt) {
        Instant prev = lastForced.get();
        if (!allowed(prev, lastAttempt, now) || !lastForced.compareAndSet(prev, now)) {
            return false;
        }
        owed.set(false);
        return true;
    }

    /** Records an unknown kid that was refused: the first request after the interval owes it a fetch. */
    void defer() {
        owed.set(true);
    }

    /** For every request: true when a deferred kid is owed a fetch and the interval allows it now (claimed). */
    boolean tryClaimOwed(Instant now, Instant lastAttempt) {
        return owed.get() && tryClaim(now, lastAttempt);
    }

    private boolean allowed(Instant prevForced, Instant lastAttempt, Instant now) {
        Instant last = prevForced;
        if (lastAttempt != null && lastAttempt.isAfter(last)) {
            last = lastAttempt;
        }
        return last == Instant.MIN || !now.isBefore(last.plus(interval));
    }
}
