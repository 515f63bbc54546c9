package dev.vaultoidc.core.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import dev.vaultoidc.core.internal.http.VaultTransport;
import dev.vaultoidc.core.internal.json.VaultJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live token of a client, opened by {@code VaultClient}; internal wiring, not API. It knows only
 * tokens: what the auth method does (log in, re-read a file, look up a fixed token's lifetime, whether a
 * rejected token can be replaced) comes from its {@link LoginMethod}.
 *
 * <p>It logs in on first use, renews ({@code auth/token/renew-self}) once two
 * thirds of the TTL have passed while the token is renewable, logs in again when renewal is
 * impossible or fails, and replaces a token Vault rejects as invalid or expired. Thread-safe.
 *
 * <p>Only one login or renewal runs at a time: concurrent callers share its result (one
 * {@link CompletableFuture}). A caller whose token is still valid never waits for a renewal another
 * thread is making; it keeps using the current token.
 *
 * <p>Derived clients ({@code VaultClient.newBuilder()}) share their parent's session unless given
 * other credentials.
 */
public final class VaultTokenSession {

    private static final Logger log = LoggerFactory.getLogger(VaultTokenSession.class);
    /** How often a changeable token source (a file) is checked: a stat per request would be wasteful. */
    private static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(1);
    /**
     * After a failed login, callers get the same failure for this long instead of a new login each:
     * with bad credentials every request would otherwise hit Vault's login endpoint (and its audit log).
     */
    static final Duration LOGIN_FAILURE_HOLD = Duration.ofSeconds(1);

    private final LoginMethod auth;
    private final VaultTransport transport;
    private final VaultOperations unauthenticated;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<TokenState>> inflight = new AtomicReference<>();
    private volatile TokenState state;
    private volatile Object sourceVersion;
    private volatile Instant nextFileCheck = Instant.MIN;
    private volatile RuntimeException lastFailure;
    private volatile Instant lastFailureAt = Instant.MIN;

    /**
     * A session for {@code auth}; login and renewal requests go through {@code transport} (its namespace,
     * retries and TLS) without the client's token.
     */
    public VaultTokenSession(LoginMethod auth, VaultTransport transport, Clock clock) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.unauthenticated = transport.operations();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The interceptor that puts the token on each request and replaces it once if Vault rejects it. */
    public Interceptor interceptor() {
        return this::intercept;
    }

    /**
     * A usable token, logging in first if there is none. Blocks only when no valid token exists.
     *
     * @throws VaultException when no token can be obtained ({@link VaultErrorReason#AUTHENTICATION_FAILED}
     *     for rejected credentials, or the transport's reason)
     */
    public String token() {
        TokenState s = state;
        Instant now = clock.instant();
        if (s != null && s.usableAt(now) && !sourceChanged(now)) {
            if (s.refreshDueAt(now)) {
                refreshInThisThreadIfIdle(s);
                return state.usableAt(now) ? state.token() : s.token();
            }
            return s.token();
        }
        return await(refresh(s, false)).token();
    }

    @Override
    public String toString() {
        return "VaultTokenSession[" + auth + ", " + state + "]";
    }

    private Response intercept(Interceptor.Chain chain) throws IOException {
        if (!auth.sendsToken()) {
            return chain.proceed(chain.request());
        }
        String token = token();
        Response response = chain.proceed(withToken(chain.request(), token));
        if (response.code() != 403 || !auth.replacesRejectedToken() || !tokenLooksDead(response, token)) {
            return response;
        }
        TokenState current = state;
        TokenState replaced;
        if (current != null && !current.token().equals(token) && current.usableAt(clock.instant())) {
            replaced = current; // another thread already replaced the token this request carried
        } else {
            log.info("Vault rejected the client token as invalid or expired; obtaining a new one");
            replaced = await(refresh(current, true));
        }
        if (replaced.token().equals(token)) {
            return response; // nothing new to try (e.g. the token file still holds the same token)
        }
        response.close();
        // 403 means Vault refused before running the handler, so repeating even a write is safe.
        return chain.proceed(withToken(chain.request(), replaced.token()));
    }

    private static Request withToken(Request request, String token) {
        return request.newBuilder().header("X-Vault-Token", token).build();
    }

    /**
     * Vault ≥ 1.10 adds "invalid token" to the 403 for unknown, revoked and expired tokens; OpenBao
     * (2.7.2, checked against a dev server) does not, and answers a revoked token with a bare
     * "permission denied", exactly like an ACL refusal. So a bare "permission denied" is a dead token
     * only if our own bookkeeping says it has expired, or if the token cannot even look itself up
     * (every living token can, through the {@code default} policy). The probe costs one request per
     * ACL refusal, not a login: logging in again for every ACL refusal would cost a login each time.
     */
    private boolean tokenLooksDead(Response response, String token) throws IOException {
        TokenState s = state;
        if (s != null && s.token().equals(token) && !s.usableAt(clock.instant())) {
            return true;
        }
        boolean permissionDenied = false;
        try {
            JsonNode body =
                    VaultJson.mapper().readTree(response.peekBody(64 * 1024).bytes());
            for (JsonNode e : body.path("errors")) {
                if (e.asText().contains("invalid token")) {
                    return true;
                }
                permissionDenied |= e.asText().contains("permission denied");
            }
        } catch (IOException notJson) {
            return false;
        }
        return permissionDenied && cannotLookUpItself(response.request(), token);
    }

    /** True when {@code auth/token/lookup-self} with {@code token} is refused too (403). */
    private boolean cannotLookUpItself(Request refused, String token) {
        if (refused.url().encodedPath().endsWith("/auth/token/lookup-self")) {
            return true; // the refused request was that very probe
        }
        try {
            transport
                    .operations(chain -> chain.proceed(withToken(chain.request(), token)))
                    .read("auth/token/lookup-self");
            return false;
        } catch (VaultException e) {
            return e.status() == 403;
        }
    }

    private void refreshInThisThreadIfIdle(TokenState seen) {
        CompletableFuture<TokenState> mine = refresh(seen, false, true);
        if (mine == null) {
            return; // someone is already renewing; the current token is still good
        }
        try {
            mine.join();
        } catch (CompletionException e) {
            // Still valid for a while: warn and try again on a later request.
            log.warn(
                    "Vault token refresh failed, keeping the current token until it expires: {}",
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
        }
    }

    /**
     * Starts (or joins) the single refresh. The thread that wins the race does the work itself;
     * others get its future.
     */
    private CompletableFuture<TokenState> refresh(TokenState seen, boolean forceLogin) {
        return refresh(seen, forceLogin, false);
    }

    /** As above; with {@code onlyIfIdle}, returns null instead of joining another thread's refresh. */
    private CompletableFuture<TokenState> refresh(TokenState seen, boolean forceLogin, boolean onlyIfIdle) {
        while (true) {
            CompletableFuture<TokenState> running = inflight.get();
            if (running != null) {
                return onlyIfIdle ? null : running;
            }
            CompletableFuture<TokenState> mine = new CompletableFuture<>();
            if (!inflight.compareAndSet(null, mine)) {
                continue;
            }
            try {
                TokenState current = state;
                Instant now = clock.instant();
                if (current != null && current != seen && current.usableAt(now) && !forceLogin) {
                    mine.complete(current); // another thread refreshed while we were deciding
                } else if (forceLogin
                        && current != null
                        && seen != null
                        && !current.token().equals(seen.token())) {
                    mine.complete(current); // the rejected token has already been replaced
                } else if (lastFailure != null && now.isBefore(lastFailureAt.plus(LOGIN_FAILURE_HOLD))) {
                    // Failed moments ago: keep a still-valid token, or share the failure; do not call Vault again.
                    if (current != null && current.usableAt(now)) {
                        mine.complete(current);
                    } else {
                        mine.completeExceptionally(lastFailure);
                    }
                } else {
                    TokenState next = obtain(current, forceLogin, now);
                    state = next;
                    lastFailure = null;
                    mine.complete(next);
                }
            } catch (RuntimeException e) {
                lastFailure = e;
                lastFailureAt = clock.instant();
                mine.completeExceptionally(e);
            } finally {
                inflight.set(null);
            }
            return mine;
        }
    }

    /** Set after the one warning that the token TTL is too short for the expiry margin. */
    private volatile boolean warnedShortTtl;

    private TokenState obtain(TokenState current, boolean forceLogin, Instant now) {
        if (!forceLogin && current != null && current.renewable() && current.usableAt(now)) {
            TokenState renewed = renew(current);
            if (renewed != null) {
                return renewed;
            }
        }
        sourceVersion = auth.sourceVersion();
        TokenState next = auth.obtain(unauthenticated, clock);
        if (auth.looksUpLifetime()) {
            next = lookupSelf(next);
        }
        if (next.shortLived() && !warnedShortTtl) {
            warnedShortTtl = true; // once: every login would repeat it
            log.warn(
                    "Vault token TTL {} s via {} is shorter than twice the {} s expiry margin; each token is used"
                            + " for half its TTL, so the client logs in about once per {} ms: raise the role's token_ttl",
                    Duration.between(next.issuedAt(), next.expiresAt()).toSeconds(),
                    auth,
                    TokenState.EXPIRY_MARGIN.toSeconds(),
                    next.margin().toMillis());
        }
        if (next.expiresAt() != null) {
            log.info(
                    "Obtained a Vault token via {} (ttl {} s, renewable {})",
                    auth,
                    Duration.between(next.issuedAt(), next.expiresAt()).toSeconds(),
                    next.renewable());
        } else {
            log.debug("Using a Vault token via {}", auth);
        }
        return next;
    }

    /** Learns a fixed token's remaining TTL and renewability; on failure keeps it as a plain fixed token. */
    private TokenState lookupSelf(TokenState fixed) {
        try {
            VaultOperations withToken =
                    transport.operations(chain -> chain.proceed(withToken(chain.request(), fixed.token())));
            JsonNode data = withToken
                    .read("auth/token/lookup-self")
                    .map(VaultResponse::data)
                    .orElse(null);
            if (data == null) {
                return fixed;
            }
            return TokenState.issued(
                    fixed.token(),
                    data.path("ttl").asLong(0),
                    data.path("renewable").asBoolean(false),
                    clock.instant());
        } catch (VaultException e) {
            log.warn("Vault token lookup-self failed ({}); using the token without renewal", e.reason());
            return fixed;
        }
    }

    /** Renews the token; null when renewal failed or Vault will not extend it further. */
    private TokenState renew(TokenState current) {
        Duration before = Duration.between(current.issuedAt(), current.expiresAt());
        try {
            VaultOperations withToken =
                    transport.operations(chain -> chain.proceed(withToken(chain.request(), current.token())));
            VaultResponse response =
                    withToken.write("auth/token/renew-self", Map.of(), true).orElse(null);
            JsonNode a = response == null ? null : response.auth();
            if (a == null) {
                log.warn("Vault token renewal returned no auth block; logging in again");
                return null;
            }
            TokenState renewed = TokenState.issued(
                    current.token(),
                    a.path("lease_duration").asLong(0),
                    a.path("renewable").asBoolean(false),
                    clock.instant());
            // Vault rounds lease_duration to whole seconds, so a full renewal can come back a second
            // short; only a clearly shorter lease means the max TTL is capping it.
            Duration tolerance = before.dividedBy(100).compareTo(Duration.ofSeconds(2)) > 0
                    ? before.dividedBy(100)
                    : Duration.ofSeconds(2);
            if (renewed.expiresAt() != null
                    && Duration.between(renewed.issuedAt(), renewed.expiresAt()).compareTo(before.minus(tolerance))
                            < 0) {
                // Vault capped the renewal at the token's max TTL: it will die soon whatever we do.
                log.info("Vault token is reaching its max TTL; logging in again");
                return null;
            }
            log.debug(
                    "Renewed the Vault token (ttl {} s)",
                    renewed.expiresAt() == null
                            ? 0
                            : Duration.between(renewed.issuedAt(), renewed.expiresAt())
                                    .toSeconds());
            return renewed;
        } catch (VaultException e) {
            log.warn("Vault token renewal failed ({}); logging in again", e.reason());
            return null;
        }
    }

    private boolean sourceChanged(Instant now) {
        Object seen = sourceVersion;
        if (seen == null || now.isBefore(nextFileCheck)) {
            return false;
        }
        nextFileCheck = now.plus(FILE_CHECK_INTERVAL);
        return !seen.equals(auth.sourceVersion());
    }

    private static TokenState await(CompletableFuture<TokenState> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaultException ve) {
                throw ve;
            }
            throw new VaultException(
                    VaultErrorReason.AUTHENTICATION_FAILED,
                    0,
                    List.of(),
                    null,
                    null,
                    null,
                    "could not obtain a Vault token",
                    e.getCause());
        }
    }
}
