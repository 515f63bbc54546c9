package dev.vaultoidc.spring;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts this service's ID token may be sent to ({@code vault.oidc.id-token.hosts}): exact host names, each
 * optionally with a port, as the core's {@code IdTokenInterceptor} takes them. No wildcards: a token sent to the
 * wrong host can be replayed by it against every service accepting the same audience.
 */
final class OutboundHosts {
    private record Rule(String host, int port) {}

    private final List<Rule> rules;

    private OutboundHosts(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static OutboundHosts parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("at least one host is required");
        }
        List<Rule> rules = new ArrayList<>();
        for (String spec : specs) {
            String s = spec == null ? "" : spec.strip();
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
        return new OutboundHosts(rules);
    }

    private static int port(String colonPort, String spec) {
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (!colonPort.startsWith(":") || p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + spec);
        }
    }

    /** Whether a request to {@code uri} may carry the token. */
    boolean allows(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (Rule r : rules) {
            if (r.host.equals(h) && (r.port < 0 || r.port == port)) {
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
