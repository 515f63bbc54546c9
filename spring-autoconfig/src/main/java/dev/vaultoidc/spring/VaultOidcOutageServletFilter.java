package dev.vaultoidc.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Wraps Spring Security's filter chain: when bearer-token authentication fails because Vault's keys are
 * unavailable, answers 503 with {@code Retry-After} instead of letting the failure escape.
 *
 * <p>Why a filter around the chain: Spring Security turns a decoder failure that is not "bad token" into an
 * {@code AuthenticationServiceException} and rethrows it (it must not answer 401 for a server-side fault). Left
 * alone, that becomes a 500, or, when the error dispatch is itself secured, a bare 401 that clients cannot tell
 * from "no token"; and the container logs a stack trace per request. Catching it here works with any
 * {@code SecurityFilterChain} the application writes, without the application wiring an entry point.
 */
final class VaultOidcOutageServletFilter implements Filter {
    private final VaultOidcOutage outage;

    VaultOidcOutageServletFilter(VaultOidcOutage outage) {
        this.outage = outage;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!VaultOidcOutage.isOutage(e)
                    || response.isCommitted()
                    || !(response instanceof HttpServletResponse http)) {
                throw e;
            }
            write(http);
        }
    }

    private void write(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", outage.retryAfterSeconds());
        response.setHeader("WWW-Authenticate", outage.challenge());
        response.setHeader("Cache-Control", "no-store");
        byte[] body = VaultOidcOutage.body().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
