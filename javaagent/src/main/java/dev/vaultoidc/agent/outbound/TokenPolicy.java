package dev.vaultoidc.agent.outbound;

import dev.vaultoidc.agent.config.HostRules;
import dev.vaultoidc.agent.logging.AgentLog;
import java.util.function.Supplier;

/**
 * Decides the {@code Authorization} header of one outbound request (one hop: redirects are decided again):
 * <ul>
 *   <li>a listed host without an {@code Authorization} header gets {@code Bearer <ID token>};</li>
 *   <li>a request that has its own header keeps it;</li>
 *   <li>a request to a host not listed that carries <em>our</em> token (a redirect, a client copying headers)
 *       loses it.</li>
 * </ul>
 * Pure logic over strings: each client plugin reads and writes its own request type.
 */
public final class TokenPolicy {
    /** Decision: leave the header as it is. */
    public static final String KEEP = null;
    /** Decision: remove the header (our token must not go there). */
    public static final String REMOVE = "";

    private static final String LOG = "TokenPolicy";
    private static final String BEARER = "Bearer ";

    private final HostRules hosts;
    private final Supplier<String> tokens;
    /** The last token handed out, to recognise our own header on a hop it must not reach. */
    private volatile String lastToken;

    private volatile String previousToken;
    private volatile long lastFailureLog;

    public TokenPolicy(HostRules hosts, Supplier<String> tokens) {
        this.hosts = hosts;
        this.tokens = tokens;
    }

    /**
     * @param existing the request's {@code Authorization} value, or null
     * @return {@link #KEEP}, {@link #REMOVE} or the header value to set
     */
    public String decide(String scheme, String host, int port, String existing) {
        return decide(scheme, host, port, existing, true);
    }

    /**
     * As {@link #decide(String, String, int, String)}; with {@code mayBlock} false (an event-loop thread) only a
     * token already at hand and valid for at least 30 s more is used: otherwise one is fetched in the background
     * for later calls and this one goes without.
     */
    public String decide(String scheme, String host, int port, String existing, boolean mayBlock) {
        boolean allowed = hosts.allows(scheme, host, port);
        if (existing != null) {
            return !allowed && isOurs(existing) ? REMOVE : KEEP;
        }
        if (!allowed) {
            return KEEP;
        }
        if (!mayBlock) {
            String cached = lastToken;
            if (cached != null && expiresAt(cached) > System.currentTimeMillis() / 1000 + 30) {
                return BEARER + cached;
            }
            refreshInBackground();
            return KEEP;
        }
        try {
            String token = tokens.get();
            if (!token.equals(lastToken)) {
                previousToken = lastToken;
                lastToken = token;
            }
            return BEARER + token;
        } catch (RuntimeException e) {
            // The call goes out without a token (and will likely get 401): better than failing the application's
            // request here, and the supplier retries with backoff. Logged at most every 30 s.
            long now = System.nanoTime();
            if (now - lastFailureLog > 30_000_000_000L) {
                lastFailureLog = now;
                AgentLog.warn(LOG, "no ID token for a call to " + host + ": " + e.getMessage(), null);
            }
            return KEEP;
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean refreshing =
            new java.util.concurrent.atomic.AtomicBoolean();

    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            Thread t = new Thread(
                    () -> {
                        try {
                            String token = tokens.get();
                            if (!token.equals(lastToken)) {
                                previousToken = lastToken;
                                lastToken = token;
                            }
                        } catch (RuntimeException e) {
                            AgentLog.warn(LOG, "no ID token: " + e.getMessage(), null);
                        } finally {
                            refreshing.set(false);
                        }
                    },
                    "vault-oidc-agent-id-token");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The {@code exp} of a compact JWS (seconds), read without verifying: it is our own token. 0 if unreadable. */
    static long expiresAt(String jws) {
        try {
            int a = jws.indexOf('.');
            int b = jws.indexOf('.', a + 1);
            String payload = new String(
                    java.util.Base64.getUrlDecoder().decode(jws.substring(a + 1, b)),
                    java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(payload);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private boolean isOurs(String value) {
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        String t = value.substring(BEARER.length()).strip();
        return t.equals(lastToken) || t.equals(previousToken);
    }
}
