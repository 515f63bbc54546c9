package dev.vaultoidc.agent.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * An ordinary servlet that knows nothing of vault-oidc: it reports who the container says the caller is. The
 * agent tests read that answer to see what the agent did.
 */
public class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Principal p = req.getUserPrincipal();
        Object token = req.getAttribute("dev.vaultoidc.core.verify.VerifiedToken");
        resp.setContentType("text/plain");
        resp.getWriter()
                .print("user=" + (p == null ? "-" : p.getName()) + " admin=" + req.isUserInRole("admins") + " auth="
                        + req.getAuthType() + " token-attribute=" + (token != null) + " path=" + req.getServletPath());
    }
}
