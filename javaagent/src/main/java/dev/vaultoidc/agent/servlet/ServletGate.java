package dev.vaultoidc.agent.servlet;

import dev.vaultoidc.agent.bootstrap.InboundBridge;
import dev.vaultoidc.agent.config.AgentSettings;
import dev.vaultoidc.agent.inbound.Gate;
import dev.vaultoidc.agent.inbound.InboundConfig;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.servlet.VaultOidcFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs the servlet filter ({@link VaultOidcFilter}, so exactly its behaviour) on one dispatch, for advice that
 * cannot call a filter chain: the "rest of the chain" is a capture that records whether, and with which request,
 * the filter let the dispatch through. Loaded in a helper loader next to the container's servlet API.
 */
public final class ServletGate implements Gate {
    /**
     * Marks a request whose REQUEST dispatch this agent already decided, so a second instrumented entry point
     * in the same dispatch (a container's filter chain, then {@code HttpServlet.service}) does not verify again.
     */
    static final String DECIDED = "dev.vaultoidc.agent.decided";

    /** The filter's attribute name as applications know it, unrelocated (assembled so shading leaves it alone). */
    static final String PLAIN_TOKEN_ATTRIBUTE = new StringBuilder("dev.vaultoidc.")
            .append("core.verify.VerifiedToken")
            .toString();

    private final VaultOidcFilter filter;

    public ServletGate(InboundConfig config) {
        AgentSettings.Inbound s = config.settings();
        VaultOidcFilter.Builder b = VaultOidcFilter.builder(
                        (TokenVerifier) config.verifier().get())
                .principalClaim(s.principalClaim())
                .rolesClaim(s.rolesClaim());
        b.requiredRoles(s.requiredRoles().toArray(String[]::new));
        b.excludedPaths(s.excludedPaths().toArray(String[]::new));
        this.filter = b.build();
    }

    @Override
    public Object enter(Object request, Object response) throws Exception {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            return null;
        }
        if (req.getDispatcherType() == DispatcherType.REQUEST && req.getAttribute(DECIDED) != null) {
            return null;
        }
        Capture rest = new Capture();
        filter.doFilter(req, resp, rest);
        if (rest.request == null) {
            return InboundBridge.HANDLED;
        }
        req.setAttribute(DECIDED, Boolean.TRUE);
        Object token = req.getAttribute(VaultOidcFilter.VERIFIED_TOKEN_ATTRIBUTE);
        if (token != null && !PLAIN_TOKEN_ATTRIBUTE.equals(VaultOidcFilter.VERIFIED_TOKEN_ATTRIBUTE)) {
            req.setAttribute(PLAIN_TOKEN_ATTRIBUTE, token);
        }
        return rest.request == request ? null : rest.request;
    }

    /** Records the filter's decision instead of continuing a chain. */
    private static final class Capture implements FilterChain {
        ServletRequest request;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            this.request = request;
        }
    }
}
