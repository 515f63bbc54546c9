package dev.vaultoidc.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an outbound ID token may go: exact host names ({@code host} or {@code host:port}, IPv6 in brackets), no
 * wildcards. Over plain http only to loopback hosts, unless {@code allow-plain-http}: a bearer token on the wire
 * in clear text is as good as handed to anyone on the path.
 */
public final class HostRules {
    private record Rule(String host, int port) {}

    private final List<Rule> rules;
    private final boolean allowPlainHttp;

    private HostRules(List<Rule> rules, boolean allowPlainHttp) {
        this.rules = List.copyOf(rules);
        this.allowPlainHttp = allowPlainHttp;
    }

    /** Parses the {@code agent.outbound.hosts} list. */
    public static HostRules parse(List<String> specs, boolean allowPlainHttp) {
        List<Rule> rules = new ArrayList<>();
        for (String spec : specs) {
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
                port = port(s.substring(s.indexOf(':')), spec);
                host = s.substring(0, s.indexOf(':'));
            }
            if (host.isEmpty() || host.contains("/") || host.contains("*")) {
                throw new IllegalArgumentException("not an exact host name: '" + spec + "'");
            }
            rules.add(new Rule(host.toLowerCase(Locale.ROOT), port));
        }
        return new HostRules(rules, allowPlainHttp);
    }

    private static int port(String colonPort, String spec) {
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (!colonPort.startsWith(":") || p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + spec + "'");
        }
    }

    /**
     * Whether a request to {@code scheme://host:port} may carry the token.
     *
     * @param port the effective port ({@code -1} means the scheme's default)
     */
    public boolean allows(String scheme, String host, int port) {
        if (host == null || scheme == null) {
            return false;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        int p = port >= 0 ? port : s.equals("https") ? 443 : s.equals("http") ? 80 : -1;
        if (!s.equals("https") && !(s.equals("http") && (allowPlainHttp || isLoopback(h)))) {
            return false;
        }
        for (Rule r : rules) {
            if (r.host.equals(h) && (r.port < 0 || r.port == p)) {
                return true;
            }
        }
        return false;
    }

    /** Loopback by name or literal only: resolving DNS here would let a DNS answer decide about a token. */
    static boolean isLoopback(String h) {
        return h.equals("localhost")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (Rule r : rules) {
            String h = r.host.contains(":") ? "[" + r.host + "]" : r.host;
            out.add(r.port < 0 ? h : h + ":" + r.port);
        }
        return out + (allowPlainHttp ? " (plain http allowed)" : "");
    }
}
