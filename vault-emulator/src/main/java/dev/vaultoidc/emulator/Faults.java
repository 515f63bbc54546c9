package dev.vaultoidc.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Fault injection for tests: latency, forced error statuses and dropped connections, per path.
 *
 * <p>A path pattern is matched against the logical path without {@code /v1/} (e.g.
 * {@code identity/oidc/.well-known/keys}). A pattern without {@code *} is a prefix; {@code *}
 * matches within one path segment and {@code **} across segments. A {@code times} of 0 or less
 * means "until {@link #clear()}". Matching latency rules add up; then the first matching status or
 * drop rule that has uses left applies. Thread-safe.
 */
public final class Faults {

    /** What the HTTP layer must do to one request. */
    record Action(Duration latency, int status, String message, boolean drop) {}

    private static final class Rule {
        final Pattern pattern;
        final Duration latency;
        final int status;
        final String message;
        final boolean drop;
        int remaining;

        Rule(String pattern, Duration latency, int status, String message, boolean drop, int times) {
            this.pattern = compile(pattern);
            this.latency = latency;
            this.status = status;
            this.message = message;
            this.drop = drop;
            this.remaining = times <= 0 ? -1 : times;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    Faults() {}

    /** Delays every matching request by {@code delay} until cleared. */
    public Faults latency(String pathPattern, Duration delay) {
        return latency(pathPattern, delay, 0);
    }

    /** Delays the next {@code times} matching requests by {@code delay}. */
    public Faults latency(String pathPattern, Duration delay, int times) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("latency must be positive: " + delay);
        }
        return add(new Rule(pathPattern, delay, 0, null, false, times));
    }

    /**
     * Answers matching requests with {@code status} and Vault's usual message for it:
     * 503 {@code Vault is sealed}, 429 {@code rate limit quota exceeded}, 500 {@code internal error}.
     */
    public Faults status(String pathPattern, int status, int times) {
        return status(pathPattern, status, times, defaultMessage(status));
    }

    /** Answers matching requests with {@code status} until cleared. */
    public Faults status(String pathPattern, int status) {
        return status(pathPattern, status, 0);
    }

    /** Answers matching requests with {@code status} and {@code {"errors":[message]}}. */
    public Faults status(String pathPattern, int status, int times, String message) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return add(new Rule(pathPattern, Duration.ZERO, status, message, false, times));
    }

    /** Closes the connection of matching requests without sending any response. */
    public Faults dropConnection(String pathPattern, int times) {
        return add(new Rule(pathPattern, Duration.ZERO, 0, null, true, times));
    }

    /** Removes every fault. */
    public synchronized void clear() {
        rules.clear();
    }

    private synchronized Faults add(Rule rule) {
        rules.add(rule);
        return this;
    }

    synchronized Action next(String path) {
        Duration latency = Duration.ZERO;
        Rule chosen = null;
        for (Rule rule : rules) {
            if (rule.remaining == 0 || !rule.pattern.matcher(path).matches()) {
                continue;
            }
            if (!rule.latency.isZero()) {
                latency = latency.plus(rule.latency);
                consume(rule);
            } else if (chosen == null) {
                chosen = rule;
                consume(rule);
            }
        }
        if (latency.isZero() && chosen == null) {
            return null;
        }
        return new Action(
                latency,
                chosen == null ? 0 : chosen.status,
                chosen == null ? null : chosen.message,
                chosen != null && chosen.drop);
    }

    private static void consume(Rule rule) {
        if (rule.remaining > 0) {
            rule.remaining--;
        }
    }

    static Pattern compile(String pattern) {
        String p = Objects.requireNonNull(pattern, "pathPattern");
        if (p.startsWith("/v1/")) {
            p = p.substring(4);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (!p.contains("*")) {
            return Pattern.compile(Pattern.quote(p) + ".*");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^/]*");
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 503 -> "Vault is sealed";
            case 429 -> "rate limit quota exceeded";
            case 500 -> "internal error";
            case 403 -> "permission denied";
            default -> "injected fault";
        };
    }
}
