package dev.vaultoidc.benchmarks;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.servlet.VaultOidcFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The service {@link WrkEndToEnd} loads: the Jetty 12 ee10 sample (as the agent's tests and {@code LegacyHelloApp}
 * have it), {@code /hello} answering with the caller's name, in its own JVM. {@code none}: no filter (also what
 * the agent instruments: run with {@code -javaagent:vault-oidc-agent.jar=…}); {@code filter ISSUER AUDIENCE}:
 * {@link VaultOidcFilter} added in code with a default verifier (verified-token cache on). Prints
 * {@code READY <port>}.
 */
public final class WrkTarget {
    private WrkTarget() {}

    public static void main(String[] args) throws Exception {
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(Hello.class, "/hello");
        if (args[0].equals("filter")) {
            TokenVerifier verifier =
                    TokenVerifier.builder().issuer(args[1]).audiences(args[2]).build();
            if (!verifier.warmUp().get(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no keys: " + verifier.health());
            }
            context.addFilter(
                    new FilterHolder(VaultOidcFilter.builder(verifier).build()),
                    "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        } else if (!args[0].equals("none")) {
            throw new IllegalArgumentException("mode none or filter, not " + args[0]);
        }
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
