package dev.vaultoidc.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A controllable UTC clock for the emulator: token expiry, timestamps and (once wired) ID-token
 * {@code iat}/{@code exp} all read it, so tests move time instead of sleeping.
 *
 * <p>{@link #system()} follows wall time plus an adjustable offset (so verifiers that use wall time
 * still accept fresh tokens); {@link #fixed(Instant)} stands still until {@link #advance} or
 * {@link #set} moves it. Thread-safe.
 */
public final class EmulatorClock extends Clock {

    private final Clock base;
    private final Object lock = new Object();
    private Instant fixedAt; // non-null: frozen clock
    private Duration offset = Duration.ZERO;

    private EmulatorClock(Clock base, Instant fixedAt) {
        this.base = base;
        this.fixedAt = fixedAt;
    }

    /** A clock that follows the system clock; {@link #advance} and {@link #set} shift it. */
    public static EmulatorClock system() {
        return new EmulatorClock(Clock.systemUTC(), null);
    }

    /** A clock frozen at {@code start}; only {@link #advance} and {@link #set} move it. */
    public static EmulatorClock fixed(Instant start) {
        return new EmulatorClock(Clock.systemUTC(), Objects.requireNonNull(start, "start"));
    }

    /** Moves the clock forward (or backward, for a negative duration). */
    public EmulatorClock advance(Duration by) {
        Objects.requireNonNull(by, "by");
        synchronized (lock) {
            if (fixedAt != null) {
                fixedAt = fixedAt.plus(by);
            } else {
                offset = offset.plus(by);
            }
        }
        return this;
    }

    /** Sets the current time; a system-following clock keeps ticking from there. */
    public EmulatorClock set(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            if (fixedAt != null) {
                fixedAt = now;
            } else {
                offset = Duration.between(base.instant(), now);
            }
        }
        return this;
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return fixedAt != null ? fixedAt : base.instant().plus(offset);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: Vault speaks UTC, and a zone would only confuse the shared instant. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "EmulatorClock[" + instant() + (fixedAt != null ? ", fixed]" : "]");
    }
}
