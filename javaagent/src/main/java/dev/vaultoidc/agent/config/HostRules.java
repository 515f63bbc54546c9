package dev.vaultoidc.agent.config;

import dev.vaultoidc.core.issue.BearerHosts;
import java.util.List;
import java.util.Locale;

/**
 * Where an outbound ID token may go: exact host names ({@code host} or {@code host:port}, IPv6 in brackets), no
 * wildcards. Over plain http only to loopback hosts, unless {@code allow-plain-http}: a bearer token on the wire
 * in clear text is as good as handed to anyone on the path.
 */
public final class HostRules {
    private final BearerHosts hosts;
    private final boolean allowPlainHttp;

    private HostRules(BearerHosts hosts, boolean allowPlainHttp) {
        this.hosts = hosts;
        this.allowPlainHttp = allowPlainHttp;
    }

    /** Parses the {@code agent.outbound.hosts} list with the core's one host parser. */
    public static HostRules parse(List<String> specs, boolean allowPlainHttp) {
        return new HostRules(BearerHosts.parse(specs), allowPlainHttp);
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
        return hosts.allows(h, p);
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
        return hosts + (allowPlainHttp ? " (plain http allowed)" : "");
    }
}
