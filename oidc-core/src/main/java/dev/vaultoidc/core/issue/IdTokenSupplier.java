package dev.vaultoidc.core.issue;

import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.internal.Checks;
import dev.vaultoidc.core.oidc.IdToken;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.OidcProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workload's ID token for one Vault role, cached and refreshed ahead of expiry
 * ({@code GET identity/oidc/token/:role}, spec §7.6). Thread-safe; share one per role.
 *
 * <pre>{@code
 * try (IdTokenSupplier idTokens = vault.idTokens("billing").build()) {
 *     request.header("Authorization", "Bearer " + idTokens.get());
 * }
 * }</pre>
 *
 * <p>Behaviour (defaults and reasons in {@code docs/issuance.md}):
 * <ul>
 *   <li>The first {@link #get()} asks Vault; later calls return the cached token without any network call.</li>
 *   <li>Once only {@link Builder#refreshAhead 1/3} of the token's lifetime remains (at least
 *       {@link Builder#minRefreshAhead 1 min}, at most half the lifetime), a background refresh fetches a new
 *       one; callers keep getting the cached token meanwhile.</li>
 *   <li>One Vault call at a time, however many threads ask: concurrent callers share one
 *       {@link CompletableFuture}.</li>
 *   <li>While Vault fails, the cached token is served until {@link Builder#safetyMargin 30 s} before it
 *       expires, and Vault is asked again with exponential backoff and jitter (1 s doubling to 1 min).</li>
 *   <li>A token that has expired or is inside the safety margin is never handed out: {@link #get()} then
 *       throws {@link IdTokenException} with a reason and the last Vault failure. During backoff that
 *       exception comes without a Vault call.</li>
 * </ul>
 *
 * <p>Expiry is judged on this supplier's clock as the earlier of the token's {@code exp} and the moment of
 * the request plus the token's lifetime ({@code exp - iat}), so a skew between Vault's clock and ours only
 * ever shortens the time a token is used. The token never appears in logs or {@link #toString()}.
 * {@link #close()} cancels the background refresh and stops the supplier's own thread.
 */
public final class IdTokenSupplier implements Supplier<String>, AutoCloseable {

    /** Default fraction of the lifetime left when a refresh starts: 1/3, as Vault's own lifetime watcher. */
    public static final double DEFAULT_REFRESH_AHEAD = 1.0 / 3;
    /** Default floor on how early before expiry a refresh starts. */
    public static final Duration DEFAULT_MIN_REFRESH_AHEAD = Duration.ofMinutes(1);
    /** Default time before expiry from which a token is no longer handed out. */
    public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(30);
    /** Default delay before the first retry after Vault failed. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Default cap on the delay between retries. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(IdTokenSupplier.class);

    /** A token with the instants that govern it, on this supplier's clock. */
    private record Entry(IdToken token, Instant usableUntil, Instant refreshAt) {}

    /** Everything that changes, swapped as one immutable value. */
    private record State(Entry entry, Throwable lastFailure, int failures, Instant nextAttemptAt) {
        static final State EMPTY = new State(null, null, 0, null);
    }

    private final String role;
    /** What this supplier supplies, for messages: {@code role <name>} or a client-credentials label. */
    private final String subject;
    /** One Vault call that yields a token; everything else here (cache, timing, single flight) is shared. */
    private final Supplier<IdToken> source;

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final double refreshAhead;
    private final Duration minRefreshAhead;
    private final Duration safetyMargin;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final DoubleSupplier random;
    private final IdTokenListener listener;

    private final AtomicReference<CompletableFuture<Entry>> inFlight = new AtomicReference<>();
    private final AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
    private final AtomicBoolean kickQueued = new AtomicBoolean();
    private volatile State state = State.EMPTY;
    private volatile boolean closed;

    private IdTokenSupplier(Builder b) {
        this.role = b.role;
        this.subject = b.subject;
        this.source = b.source;
        this.clock = b.clock;
        this.refreshAhead = b.refreshAhead;
        this.minRefreshAhead = b.minRefreshAhead;
        this.safetyMargin = b.safetyMargin;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.random = b.random;
        this.listener = b.listener;
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownsScheduler = false;
        } else {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, b.threadName);
                t.setDaemon(true); // never keeps a JVM alive that forgot to close the supplier
                return t;
            });
            own.setRemoveOnCancelPolicy(true);
            this.scheduler = own;
            this.ownsScheduler = true;
        }
    }

    /**
     * A supplier of ID tokens for {@code role} through {@code oidc} (clock: system UTC unless set).
     * Applications usually call {@code vault.idTokens(role)}, which also takes the client's clock.
     */
    public static Builder builder(OidcAdmin oidc, String role) {
        return new Builder(oidc, role);
    }

    /**
     * The current ID token (compact JWS): cached, or fetched when there is none that is valid beyond the
     * safety margin.
     *
     * @throws IdTokenException when no valid token can be had
     */
    @Override
    public String get() {
        return current().token();
    }

    /**
     * As {@link #get()}, with the token's client ID and times.
     *
     * @throws IdTokenException when no valid token can be had
     */
    public IdToken current() {
        if (closed) {
            throw new IdTokenException(
                    IdTokenFailure.CLOSED, "the ID token supplier for " + subject + " is closed", null, null);
        }
        State s = state;
        Instant now = clock.instant();
        if (s.entry != null && now.isBefore(s.entry.usableUntil)) {
            if (!now.isBefore(s.entry.refreshAt) && mayAttempt(s, now)) {
                // Normally the timer has started this already; this covers a late timer.
                kick();
            }
            return s.entry.token;
        }
        if (!mayAttempt(s, now)) {
            throw unavailable(s.lastFailure, s);
        }
        try {
            return start().get().token;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdTokenException(IdTokenFailure.INTERRUPTED, "interrupted while waiting for Vault", e, null);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause(), state);
        }
    }

    /** Stops background refreshes; {@link #get()} then fails with {@link IdTokenFailure#CLOSED}. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = timer.getAndSet(null);
        if (t != null) {
            t.cancel(false);
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        State s = state;
        return "IdTokenSupplier[" + subject.replaceFirst(" ", "=") + ", token="
                + (s.entry == null ? "none" : "<redacted>")
                + (s.entry == null ? "" : ", usableUntil=" + s.entry.usableUntil) + ", failures=" + s.failures
                + (closed ? ", closed" : "") + "]";
    }

    // ---- single flight ----

    private boolean mayAttempt(State s, Instant now) {
        return s.nextAttemptAt == null || !now.isBefore(s.nextAttemptAt);
    }

    /**
     * Joins the running fetch, or runs one in this thread (a caller that has to wait anyway, or the
     * scheduler's thread). A fetch is never queued on the scheduler while callers wait for it, so a slow or
     * manually driven scheduler cannot hold up a caller that needs a token.
     */
    private CompletableFuture<Entry> start() {
        while (true) {
            CompletableFuture<Entry> running = inFlight.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                fetch(mine);
                return mine;
            }
        }
    }

    /** Asks the scheduler to refresh now; at most one such request is queued at a time. */
    private void kick() {
        if (!kickQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(
                    () -> {
                        kickQueued.set(false);
                        onTimer();
                    },
                    0,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            kickQueued.set(false); // shut down: callers still fetch on demand
        }
    }

    private void fetch(CompletableFuture<Entry> mine) {
        Instant started = clock.instant();
        State before = state;
        if (before.entry != null && started.isBefore(before.entry.refreshAt)) {
            // A flight that ended between the caller's check and this one already has a fresh token.
            inFlight.set(null);
            mine.complete(before.entry);
            return;
        }
        try {
            IdToken token = source.get();
            Entry entry = entryFor(token, started);
            state = new State(entry, null, 0, null);
            LOG.debug(
                    "ID token for {} fetched; usable until {}, refresh from {}",
                    subject,
                    entry.usableUntil,
                    entry.refreshAt);
            schedule(entry.refreshAt);
            inFlight.set(null);
            notify(() -> listener.onFetched(role, token.expiresAt()));
            mine.complete(entry);
        } catch (RuntimeException e) {
            State prev = state;
            Instant now = clock.instant();
            int failures = prev.failures + 1;
            Instant next = now.plus(backoff(failures));
            state = new State(prev.entry, e, failures, next);
            boolean servingCached = prev.entry != null && now.isBefore(prev.entry.usableUntil);
            notify(() -> listener.onFetchFailed(role, servingCached, e));
            if (servingCached) {
                LOG.warn(
                        "ID token refresh for {} failed ({}); serving the cached token, usable until {}; "
                                + "next attempt at {}",
                        subject,
                        e.getMessage(),
                        prev.entry.usableUntil,
                        next);
                schedule(next);
            } else {
                LOG.warn("no ID token for {}: {}; next attempt at {}", subject, e.getMessage(), next);
            }
            inFlight.set(null);
            mine.completeExceptionally(e);
        }
    }

    private void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException ignored) {
            // a metrics listener must never break token supply
        }
    }

    private void onTimer() {
        if (closed) {
            return;
        }
        State s = state;
        if (s.entry == null) {
            return;
        }
        Instant due = s.entry.refreshAt;
        if (s.nextAttemptAt != null && s.nextAttemptAt.isAfter(due)) {
            due = s.nextAttemptAt;
        }
        if (clock.instant().isBefore(due)) {
            schedule(due); // the scheduler's time ran ahead of the injected clock
            return;
        }
        start();
    }

    private void schedule(Instant at) {
        if (closed) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        ScheduledFuture<?> next;
        try {
            next = scheduler.schedule(this::onTimer, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return; // shut down: callers still fetch on demand
        }
        ScheduledFuture<?> previous = timer.getAndSet(next);
        if (previous != null) {
            previous.cancel(false);
        }
        if (closed) {
            next.cancel(false);
        }
    }

    // ---- timing ----

    private Entry entryFor(IdToken token, Instant fetchedAt) {
        Duration lifetime = token.lifetime();
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw malformed("the generated token's exp is not after its iat");
        }
        Instant deadline = min(token.expiresAt(), fetchedAt.plus(lifetime));
        // Short-lived tokens would otherwise be unusable from the start: cap margin and lead by the lifetime.
        Duration margin = min(safetyMargin, lifetime.dividedBy(4));
        Duration lead = min(
                max(Duration.ofNanos((long) (lifetime.toNanos() * refreshAhead)), minRefreshAhead),
                lifetime.dividedBy(2));
        Instant usableUntil = deadline.minus(margin);
        if (!fetchedAt.isBefore(usableUntil)) {
            throw malformed("the generated token expires at " + token.expiresAt()
                    + ", already inside the safety margin by this clock (clock skew?)");
        }
        return new Entry(token, usableUntil, min(deadline.minus(lead), usableUntil));
    }

    private Duration backoff(int failures) {
        double base = initialBackoff.toNanos() * Math.pow(2, Math.min(failures - 1, 30));
        double capped = Math.min(base, maxBackoff.toNanos());
        // Up to half of the delay is dropped at random, so a fleet does not retry in lockstep.
        return Duration.ofNanos((long) (capped * (1.0 - 0.5 * random.getAsDouble())));
    }

    private IdTokenException unavailable(Throwable cause, State s) {
        IdTokenFailure reason = cause instanceof VaultException v
                ? IdTokenFailure.of(v.reason())
                : cause instanceof OidcProviderException p ? IdTokenFailure.of(p) : IdTokenFailure.VAULT_UNAVAILABLE;
        StringBuilder msg = new StringBuilder("no valid ID token for ").append(subject);
        if (s.entry != null) {
            msg.append(" (the cached one expires at ")
                    .append(s.entry.token.expiresAt())
                    .append(", inside the safety margin)");
        }
        if (cause != null) {
            msg.append("; last Vault failure: ").append(cause.getMessage());
        }
        if (s.nextAttemptAt != null) {
            msg.append("; next attempt at ").append(s.nextAttemptAt);
        }
        return new IdTokenException(reason, msg.toString(), cause, s.nextAttemptAt);
    }

    private static VaultException malformed(String detail) {
        return new VaultException(
                dev.vaultoidc.core.http.VaultErrorReason.MALFORMED_RESPONSE,
                0,
                List.of(),
                "GET",
                "identity/oidc/token",
                null,
                detail,
                null);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Builds an {@link IdTokenSupplier}; setters validate eagerly. */
    public static final class Builder {
        private final String role;
        private final String subject;
        private final Supplier<IdToken> source;
        private final String threadName;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private double refreshAhead = DEFAULT_REFRESH_AHEAD;
        private Duration minRefreshAhead = DEFAULT_MIN_REFRESH_AHEAD;
        private Duration safetyMargin = DEFAULT_SAFETY_MARGIN;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private IdTokenListener listener = new IdTokenListener() {};

        private Builder(OidcAdmin oidc, String role) {
            Objects.requireNonNull(oidc, "oidc");
            this.role = Objects.requireNonNull(role, "role");
            // Vault's name pattern (spec §1.1): fail at build time, not as a Vault failure on every get().
            if (!Checks.isVaultName(role)) {
                throw new IllegalArgumentException("role must match Vault's name pattern: " + role);
            }
            this.subject = "role " + role;
            this.source = () -> oidc.generateToken(role);
            this.threadName = "vault-oidc-id-token-" + role;
        }

        /**
         * The same machinery over another token source (e.g. a client-credentials grant): {@code name} is what
         * listeners receive, {@code subject} what messages say.
         */
        Builder(String name, String subject, Supplier<IdToken> source) {
            this.role = Objects.requireNonNull(name, "name");
            this.subject = Objects.requireNonNull(subject, "subject");
            this.source = Objects.requireNonNull(source, "source");
            this.threadName = "vault-oidc-token-" + name;
        }

        /** The clock for expiry and refresh decisions (default: the VaultClient's clock, else system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs background refreshes on {@code scheduler}, which the caller owns (not shut down by
         * {@link #close()}). Default: one daemon thread owned by the supplier.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The fraction of the lifetime left when a refresh starts, in (0, 1); default 1/3. */
        public Builder refreshAhead(double fractionOfLifetime) {
            if (!(fractionOfLifetime > 0 && fractionOfLifetime < 1)) {
                throw new IllegalArgumentException("refreshAhead must be in (0, 1)");
            }
            this.refreshAhead = fractionOfLifetime;
            return this;
        }

        /** Refresh at least this long before expiry (but never before half the lifetime); default 1 min. */
        public Builder minRefreshAhead(Duration lead) {
            this.minRefreshAhead = nonNegative(lead, "minRefreshAhead");
            return this;
        }

        /**
         * A token is not handed out once it is this close to expiry (default 30 s; capped at a quarter of the
         * token's lifetime).
         */
        public Builder safetyMargin(Duration margin) {
            this.safetyMargin = nonNegative(margin, "safetyMargin");
            return this;
        }

        /** Backoff between attempts while Vault fails: from {@code initial}, doubling, up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            nonNegative(initial, "initial backoff");
            nonNegative(max, "max backoff");
            if (initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** Receives fetch events, e.g. for metrics; default none. */
        public Builder listener(IdTokenListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Source of jitter in [0, 1); for tests. */
        Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the supplier. No Vault call happens until the first {@link IdTokenSupplier#get()}. */
        public IdTokenSupplier build() {
            return new IdTokenSupplier(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            return Checks.nonNegative(Objects.requireNonNull(d, name), name);
        }
    }
}
