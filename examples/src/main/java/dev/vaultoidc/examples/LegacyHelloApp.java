package dev.vaultoidc.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A "legacy" embedded Jetty service that knows nothing of Vault: no filter, no library. {@link AgentExample}
 * protects it with {@code -javaagent:vault-oidc-agent.jar} alone.
 */
public final class LegacyHelloApp {
    private LegacyHelloApp() {}

    /** Serves {@code /hello} and {@code /health} on a free port and prints {@code READY <port>}. */
    public static void main(String[] args) throws Exception {
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(Hello.class, "/hello");
        context.addServlet(Hello.class, "/health");
        server.setHandler(context);
        server.start();
        System.out.println("READY " + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        server.join();
    }

    /** Greets whoever the container says the caller is. */
    public static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter()
                    .print("hello "
                            + (req.getUserPrincipal() == null
                                    ? "anonymous"
                                    : req.getUserPrincipal().getName()));
        }
    }
}
