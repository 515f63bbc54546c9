package dev.vaultoidc.core.issue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hosts a bearer token may be sent to: exact host names (no wildcards, no subdomains), each optionally
 * with a port. Matching is case-insensitive on the host, as DNS is, and ignores a trailing root dot. No
 * wildcards: a token sent to the wrong host can be replayed by it against every service accepting the same
 * audience. One parser for every outbound integration (OkHttp, the JDK client, Spring, the Java agent).
 */
public final class BearerHosts {

    private record Rule(String host, int port) {
        boolean matches(String h, int p) {
            return host.equals(h) && (port < 0 || port == p);
        }
    }

    private final List<Rule> rules;

    private BearerHosts(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException for an empty list or an entry that is not an exact host
     */
    public static BearerHosts parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
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
    public boolean allows(String host, int port) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (Rule r : rules) {
            if (r.matches(h, port)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a request to {@code uri} may carry the token; a missing port is the scheme's default. */
    public boolean allows(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return allows(uri.getHost(), port);
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (Rule r : rules) {
            String h = r.host.contains(":") ? "[" + r.host + "]" : r.host;
            out.add(r.port < 0 ? h : h + ":" + r.port);
        }
        return out.toString();
    }
}
