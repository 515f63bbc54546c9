package dev.vaultoidc.agent.sample;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An unmodified embedded Jetty 12 ee10 application: {@code /hello} and {@code /health}, port printed. */
public final class JettyEe10App {
    private JettyEe10App() {}

    public static void main(String[] args) throws Exception {
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(HelloServlet.class, "/hello");
        context.addServlet(HelloServlet.class, "/health");
        server.setHandler(context);
        server.start();
        System.out.println("READY " + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        server.join();
    }
}
