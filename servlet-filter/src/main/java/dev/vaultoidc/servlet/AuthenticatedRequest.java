package dev.vaultoidc.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the application sees it once the bearer token verified. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    static final String AUTH_TYPE = "Bearer";

    private final VaultOidcPrincipal principal;
    private final ServletResponse response;

    AuthenticatedRequest(HttpServletRequest request, ServletResponse response, VaultOidcPrincipal principal) {
        super(request);
        this.response = response;
        this.principal = principal;
    }

    VaultOidcPrincipal principal() {
        return principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.roles().contains(role);
    }

    /**
     * The no-argument form would hand the unwrapped request to the async cycle (Servlet 6.0 §2.3.3.3), so
     * {@code AsyncContext.getRequest()} and an async dispatch would lose the principal. Passing this wrapper keeps it.
     */
    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }
}
