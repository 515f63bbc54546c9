package dev.vaultoidc.core.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hosts an ID token may be sent to: exact host names (no wildcards, no subdomains), each optionally
 * with a port. Matching is case-insensitive on the host, as DNS is.
 */
final class BearerHosts {

    private record Rule(String host, int port) {
        boolean matches(String h, int p) {
            return host.equals(h) && (port < 0 || port == p);
        }
    }

    private final List<Rule> rules;

    private BearerHosts(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    static BearerHosts parse(List<String> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("at least one host is required");
        }
        List<Rule> rules = new ArrayList<>();
        for (String spec : specs) {
            Objects.requireNonNull(spec, "host");
            String s = spec.strip();
            String host = s;
            int port = -1;
            if (s.startsWith("[")) {
                int end = s.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated IPv6 literal: " + spec);
                }
                host = s.substring(1, end);
                if (end + 1 < s.length()) {
                    port = port(s.substring(end + 1), spec);
                }
            } else if (s.indexOf(':') >= 0) {
                if (s.indexOf(':') != s.lastIndexOf(':')) {
                    throw new IllegalArgumentException("write IPv6 addresses in brackets: " + spec);
                }
                host = s.substring(0, s.indexOf(':'));
                port = port(s.substring(s.indexOf(':')), spec);
            }
            if (host.isEmpty() || host.contains("/") || host.contains("*")) {
                throw new IllegalArgumentException("not an exact host name: " + spec);
            }
            rules.add(new Rule(host.toLowerCase(Locale.ROOT), port));
        }
        return new BearerHosts(rules);
    }

    private static int port(String colonPort, String spec) {
        if (!colonPort.startsWith(":")) {
            throw new IllegalArgumentException("bad host:port: " + spec);
        }
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + spec);
        }
    }

    /**
     * Whether a request to {@code host}:{@code port} may carry the token. {@code host} as a URL gives it
     * (IPv6 with or without brackets).
     */
    boolean allows(String host, int port) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (Rule r : rules) {
            if (r.matches(h, port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        rules.forEach(r -> out.add(r.host + (r.port < 0 ? "" : ":" + r.port)));
        return out.toString();
    }
}
