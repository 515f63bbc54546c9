package dev.vaultoidc.core.verify;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import dev.vaultoidc.core.verify.TokenVerifier.JwksHealth;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key cache of one issuer: discovery + JWKS, converted once per fetch into a {@link KeySnapshot}.
 *
 * <p>Design (see docs/verifier.md):
 * <ul>
 *   <li><b>Single flight.</b> Fetches run through a one-entry Caffeine {@link AsyncLoadingCache}: {@code get} on a
 *   cold cache and {@code refresh} share the one in-flight load among all callers, on the injected executor.</li>
 *   <li><b>Hot path never waits.</b> The current snapshot is also published in a volatile field by the loader
 *   before its future completes; a thread holding usable keys reads it and returns, possibly triggering a refresh
 *   it does not wait for.</li>
 *   <li><b>TTL</b> = {@code Cache-Control: max-age} clamped to [minTtl, maxTtl], or fallbackTtl when Vault omits
 *   it (spec §7.9). Refresh starts {@code refreshAhead} (at most half the TTL) before the TTL ends.</li>
 *   <li><b>Stale-if-error.</b> A failed fetch keeps the old keys until TTL + maxStale, then verification fails
 *   closed. Failed attempts are retried at most once per retryInterval.</li>
 *   <li><b>Unknown kid.</b> At most one forced fetch per unknownKidInterval (counting any fetch), decided by
 *   {@link UnknownKidRateLimiter}, with a trailing fetch for kids refused inside the interval.</li>
 * </ul>
 */
final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final String KEY = "jwks";

    /** Timing knobs, validated by the builder. */
    record Settings(
            Duration minTtl,
            Duration maxTtl,
            Duration fallbackTtl,
            Duration refreshAhead,
            Duration maxStale,
            Duration retryInterval,
            Duration unknownKidInterval,
            Duration fetchWait,
            Duration discoveryFallbackTtl,
            NativeSignatures.Selection signatures) {}

    private final String issuer;
    private final String discoveryUrl;
    private final boolean sendNamespace;
    private final JwksFetcher fetcher;
    private final Clock clock;
    private final Settings settings;
    private final Set<JWSAlgorithm> allowedAlgorithms;
    private final VerificationListener listener;
    private final BiConsumer<String, Set<String>> onKeysRemoved;
    private final AsyncLoadingCache<String, KeySnapshot> loads;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<ScheduledFuture<?>> scheduled = new AtomicReference<>();

    /** Keys given up front ({@code staticJwks}): never fetched, never refreshed, never stale. */
    private final boolean fixed;

    private volatile KeySnapshot current;
    private volatile JwksFetcher.Discovery discovery;
    private volatile Instant discoveryExpiresAt;
    private final AtomicBoolean forceNext = new AtomicBoolean();
    private final UnknownKidRateLimiter unknownKids;
    private final AtomicReference<KeySnapshot> refreshTriggeredFor = new AtomicReference<>();
    /** The latest fetch started; while it is not done, no request starts or waits on another one. */
    private volatile CompletableFuture<KeySnapshot> inFlight = CompletableFuture.completedFuture(null);
    /** Key ids already warned about; bounded so a hostile JWKS cannot grow it without limit. */
    private final Set<String> warnedSkips = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final int MAX_WARNED_SKIPS = 1000;

    JwksCache(
            String issuer,
            String discoveryUrl,
            boolean sendNamespace,
            JwksFetcher fetcher,
            Clock clock,
            Executor executor,
            ScheduledExecutorService scheduler,
            Settings settings,
            Set<JWSAlgorithm> allowedAlgorithms,
            VerificationListener listener,
            BiConsumer<String, Set<String>> onKeysRemoved) {
        this(
                issuer,
                discoveryUrl,
                sendNamespace,
                fetcher,
                clock,
                executor,
                scheduler,
                settings,
                allowedAlgorithms,
                listener,
                onKeysRemoved,
                null);
    }

    private JwksCache(
            String issuer,
            String discoveryUrl,
            boolean sendNamespace,
            JwksFetcher fetcher,
            Clock clock,
            Executor executor,
            ScheduledExecutorService scheduler,
            Settings settings,
            Set<JWSAlgorithm> allowedAlgorithms,
            VerificationListener listener,
            BiConsumer<String, Set<String>> onKeysRemoved,
            KeySnapshot fixedKeys) {
        this.fixed = fixedKeys != null;
        this.current = fixedKeys;
        this.scheduler = scheduler;
        this.issuer = issuer;
        this.discoveryUrl = discoveryUrl;
        this.sendNamespace = sendNamespace;
        this.fetcher = fetcher;
        this.clock = clock;
        this.settings = settings;
        this.allowedAlgorithms = allowedAlgorithms;
        this.listener = listener;
        this.onKeysRemoved = onKeysRemoved;
        this.unknownKids = new UnknownKidRateLimiter(settings.unknownKidInterval(), settings.fetchWait());
        this.loads = Caffeine.newBuilder().executor(executor).buildAsync(key -> fetch());
    }

    /** A cache holding a fixed key set: no fetcher, no scheduler; its snapshot stays usable forever. */
    static JwksCache fixed(
            String issuer,
            java.util.Map<String, KeySnapshot.KeyEntry> keys,
            Clock clock,
            Executor executor,
            Settings settings,
            Set<JWSAlgorithm> allowedAlgorithms,
            VerificationListener listener) {
        Instant now = clock.instant();
        KeySnapshot s = KeySnapshot.fetched(keys, now, Instant.MAX, Instant.MAX, Instant.MAX);
        return new JwksCache(
                issuer,
                null,
                false,
                null,
                clock,
                executor,
                null,
                settings,
                allowedAlgorithms,
                listener,
                (i, k) -> {},
                s);
    }

    String issuer() {
        return issuer;
    }

    /**
     * Keys to verify with. Returns at once when usable keys are cached (starting a background refresh if due);
     * otherwise waits, bounded, for the shared fetch.
     */
    KeySnapshot keys() throws TokenVerificationException {
        Instant now = clock.instant();
        KeySnapshot s = current;
        if (s != null && s.usableAt(now)) {
            maybeRefreshInBackground(s, now);
            if (!s.freshAt(now)) {
                Listeners.safe(() -> listener.onStaleKeysUsed(issuer, Duration.between(s.fetchedAt, now)));
            }
            return s;
        }
        if (s == null) {
            // Nothing known yet: the first requests wait, bounded, for the one shared first fetch.
            KeySnapshot r = await(loads.get(KEY));
            if (r != null && r.usableAt(clock.instant())) {
                return r;
            }
            throw unavailable(r);
        }
        // No usable keys and the last attempt failed (or they went past the staleness bound): fail fast. A
        // retry starts at most once per retryInterval measured from the END of the last attempt, never while
        // one is in flight, and no request waits on it: with Vault black-holed, each attempt takes whole HTTP
        // timeouts, and waiting on them is what turned an outage into blocked request threads (issue 17 item 3).
        if (inFlight.isDone()
                && (s.lastAttempt == null || !now.isBefore(s.lastAttempt.plus(settings.retryInterval())))) {
            CompletableFuture<KeySnapshot> f = startRefresh();
            KeySnapshot r = f.getNow(null); // a same-thread executor has finished already
            if (r != null && r.usableAt(clock.instant())) {
                return r;
            }
            throw unavailable(r == null ? s : r);
        }
        throw unavailable(s);
    }

    /** Starts (or joins, Caffeine shares it) a refresh, remembered as the one in flight. */
    private CompletableFuture<KeySnapshot> startRefresh() {
        CompletableFuture<KeySnapshot> f = loads.synchronous().refresh(KEY);
        inFlight = f;
        return f;
    }

    /**
     * Called when a token names a kid that {@code seen} does not have. Returns a newer snapshot if a forced fetch
     * was allowed (the caller waits for it: it has nothing else to verify with), or null when rate-limited.
     */
    KeySnapshot refreshForUnknownKid(KeySnapshot seen) {
        if (fixed) {
            return null; // nothing to fetch: an unknown kid is simply unknown
        }
        // Queue behind the one forced fetch (see UnknownKidRateLimiter): a flood of bogus kids waits only while
        // a real fetch runs, and never longer than fetchWait.
        try {
            if (!unknownKids.enter()) {
                return rateLimited();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            KeySnapshot latest = current;
            if (latest != seen && latest != null) {
                return latest; // another thread already fetched since this caller looked
            }
            CompletableFuture<KeySnapshot> running = inFlight;
            if (!running.isDone()) {
                // A fetch is under way (the owed one this very request may have started, or a refresh-ahead):
                // it brings every published kid, so wait for it, bounded by fetchWait, instead of refusing.
                return await(running);
            }
            if (!unknownKids.tryClaim(clock.instant(), latest == null ? null : latest.lastAttempt)) {
                return rateLimited();
            }
            forceNext.set(true);
            return await(startRefresh());
        } finally {
            unknownKids.exit();
        }
    }

    private KeySnapshot rateLimited() {
        unknownKids.defer();
        Listeners.safe(() -> listener.onRefreshRateLimited(issuer));
        return null;
    }

    private void maybeRefreshInBackground(KeySnapshot s, Instant now) {
        // The owed fetch is claimed and started under the limiter's lock, so a concurrent unknown-kid request
        // sees either no claim or a fetch in flight it can wait for, never a claim without a fetch.
        if (unknownKids.owed() && unknownKids.tryEnterNow()) {
            try {
                if (unknownKids.tryClaimOwed(now, current == null ? s.lastAttempt : current.lastAttempt)) {
                    forceNext.set(true);
                    startRefresh();
                    return;
                }
            } finally {
                unknownKids.exit();
            }
        }
        if (now.isBefore(s.refreshAt)) {
            return;
        }
        if (s.lastError != null && now.isBefore(s.lastAttempt.plus(settings.retryInterval()))) {
            return;
        }
        KeySnapshot prev = refreshTriggeredFor.get();
        if (prev != s && refreshTriggeredFor.compareAndSet(prev, s)) {
            startRefresh();
        }
    }

    /** Starts a fetch if none is cached or the cached keys are not usable; completes with readiness. */
    CompletableFuture<Boolean> warmUp() {
        KeySnapshot s = current;
        CompletableFuture<KeySnapshot> f;
        if (s == null) {
            f = loads.get(KEY);
        } else if (s.usableAt(clock.instant())) {
            f = CompletableFuture.completedFuture(s);
        } else {
            f = startRefresh();
        }
        return f.thenApply(r -> isReady(r));
    }

    /** Fetches now, ignoring TTL and rate limit (an operator action, e.g. right after a manual rotation). */
    CompletableFuture<Boolean> refreshNow() {
        if (fixed) {
            return CompletableFuture.completedFuture(isReady());
        }
        forceNext.set(true);
        return startRefresh().thenApply(this::isReady);
    }

    boolean isReady() {
        return isReady(current);
    }

    private boolean isReady(KeySnapshot s) {
        return s != null && !s.keys.isEmpty() && s.usableAt(clock.instant());
    }

    JwksHealth health() {
        KeySnapshot s = current;
        if (s == null) {
            return new JwksHealth(issuer, false, 0, null, null, null, null, null);
        }
        return new JwksHealth(
                issuer,
                isReady(s),
                s.keys.size(),
                s.fetchedAt,
                s.lastAttempt,
                s.lastError,
                s.freshUntil,
                s.usableUntil);
    }

    /** The loader: runs single-flight on the executor; never throws, so Caffeine keeps a snapshot at all times. */
    private KeySnapshot fetch() {
        boolean forced = forceNext.getAndSet(false);
        Instant now = clock.instant();
        KeySnapshot prev = current;
        try {
            JwksFetcher.Fetched f;
            try {
                f = fetcher.fetchKeys(jwksUri(now), forced);
            } catch (JwksFetcher.Rejected e) {
                throw e;
            } catch (IOException e) {
                // One immediate retry absorbs a dropped connection or a single 5xx (e.g. a Vault standby
                // forwarding during leader election); anything longer is covered by stale-if-error and retryInterval.
                LOG.debug("Fetching keys of issuer {} failed ({}); retrying once", issuer, e.getMessage());
                f = fetcher.fetchKeys(jwksUri(now), forced);
            }
            var keys = KeySnapshot.parseKeys(f.body(), allowedAlgorithms, settings.signatures(), this::keySkipped);
            Duration ttl = ttl(f.maxAge());
            Duration ahead = min(settings.refreshAhead(), ttl.dividedBy(2));
            Instant freshUntil = now.plus(ttl);
            KeySnapshot next = KeySnapshot.fetched(
                    keys, now, freshUntil.minus(ahead), freshUntil, freshUntil.plus(settings.maxStale()));
            current = next;
            Set<String> removed = prev == null ? new HashSet<>() : new HashSet<>(prev.keys.keySet());
            removed.removeAll(keys.keySet());
            if (!removed.isEmpty()) {
                onKeysRemoved.accept(issuer, removed);
            }
            if (prev == null || !prev.keys.keySet().equals(keys.keySet())) {
                LOG.info("Keys of issuer {} now {} (kids {})", issuer, keys.size(), keys.keySet());
            }
            if (prev != null && prev.lastError != null) {
                LOG.info("Keys of issuer {} fetched again after failure", issuer);
            }
            Listeners.safe(() -> listener.onJwksFetched(issuer, keys.size(), forced));
            scheduleRefresh(now, next.refreshAt);
            return next;
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            String msg = describe(e);
            // The retry interval counts from the end of the attempt: an attempt that took two HTTP timeouts must
            // not leave the interval already spent, or every request would start another (issue 17 item 3).
            Instant end = clock.instant();
            KeySnapshot next = prev == null || prev.fetchedAt == null
                    ? KeySnapshot.failedInitial(end, msg)
                    : prev.withFailure(end, msg);
            current = next;
            if (next.usableAt(now)) {
                LOG.warn(
                        "Fetching keys of issuer {} failed ({}); serving cached keys until {}",
                        issuer,
                        msg,
                        next.usableUntil);
            } else {
                LOG.warn("Fetching keys of issuer {} failed ({}); no usable keys", issuer, msg);
            }
            Listeners.safe(() -> listener.onJwksFetchFailed(issuer, msg));
            scheduleRefresh(end, end.plus(settings.retryInterval()));
            return next;
        }
    }

    /** One WARN per skipped key id (a bad key stays bad on every refresh); the listener counts every skip. */
    private void keySkipped(String kid, String reason) {
        String id = kid == null ? "<none>" : kid;
        if (warnedSkips.size() < MAX_WARNED_SKIPS && warnedSkips.add(id)) {
            LOG.warn(
                    "Issuer {} publishes a key that cannot be used (kid {}): {}; skipping it, the other keys stay"
                            + " in use",
                    issuer,
                    id,
                    reason);
        }
        Listeners.safe(() -> listener.onJwksKeySkipped(issuer, kid, reason));
    }

    /**
     * With a scheduler, the next refresh (or retry) is timed rather than left to the next request, so an idle
     * service still holds current keys and its first request after a quiet period does not wait.
     */
    private void scheduleRefresh(Instant now, Instant when) {
        if (scheduler == null) {
            return;
        }
        long delayMillis = Math.max(0, Duration.between(now, when).toMillis());
        try {
            ScheduledFuture<?> f = scheduler.schedule(
                    () -> {
                        startRefresh();
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
            ScheduledFuture<?> previous = scheduled.getAndSet(f);
            if (previous != null) {
                previous.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("Scheduler of issuer {} is shut down; refreshes are left to requests", issuer);
        }
    }

    /** Stops timed refreshes (the verifier is closing). */
    void cancelSchedule() {
        ScheduledFuture<?> f = scheduled.getAndSet(null);
        if (f != null) {
            f.cancel(false);
        }
    }

    private String jwksUri(Instant now) throws IOException {
        JwksFetcher.Discovery d = discovery;
        if (d != null && now.isBefore(discoveryExpiresAt)) {
            return d.jwksUri();
        }
        try {
            JwksFetcher.Discovery fresh = fetcher.discover(discoveryUrl, issuer, sendNamespace);
            Duration ttl = fresh.maxAge() == null || fresh.maxAge().isZero()
                    ? settings.discoveryFallbackTtl()
                    : min(fresh.maxAge(), settings.discoveryFallbackTtl());
            discoveryExpiresAt = now.plus(ttl);
            discovery = fresh;
            return fresh.jwksUri();
        } catch (IOException e) {
            if (d != null) {
                // The JWKS location of a Vault issuer does not move; keep using the last one we were told.
                LOG.debug("Discovery of issuer {} failed ({}); using the last jwks_uri", issuer, e.getMessage());
                return d.jwksUri();
            }
            throw e;
        }
    }

    private Duration ttl(Duration maxAge) {
        if (maxAge == null) {
            return settings.fallbackTtl();
        }
        if (maxAge.compareTo(settings.minTtl()) < 0) {
            return settings.minTtl();
        }
        return min(maxAge, settings.maxTtl());
    }

    private KeySnapshot await(CompletableFuture<KeySnapshot> f) {
        try {
            return f.get(settings.fetchWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current;
        } catch (ExecutionException | TimeoutException e) {
            return current;
        }
    }

    private TokenVerificationException unavailable(KeySnapshot s) {
        String why = s == null || s.lastError == null ? "no keys fetched yet" : s.lastError;
        return new TokenVerificationException(
                VerificationFailure.KEYS_UNAVAILABLE, "no usable keys for issuer " + issuer + ": " + why);
    }

    private static String describe(Exception e) {
        if (e instanceof java.text.ParseException) {
            return "JWKS is not a valid JWK set";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
