package dev.vaultoidc.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/**
 * The Jetty ee11 sample app, compiled when first needed against {@code target/libs/jetty-ee11}: Jetty's ee11
 * classes need Servlet 6.1, which cannot share the test class path with the Servlet 6.0 the other apps use.
 */
final class JettyEe11 {
    static final String MAIN = "JettyEe11App";

    private static final String SOURCE = """
            import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
            import org.eclipse.jetty.server.Server;
            import org.eclipse.jetty.server.ServerConnector;

            /** An unmodified embedded Jetty 12 ee11 application: /hello and /health, port printed. */
            public final class JettyEe11App {
                public static void main(String[] args) throws Exception {
                    Server server = new Server(0);
                    ServletContextHandler context = new ServletContextHandler("/");
                    context.addServlet(dev.vaultoidc.agent.sample.HelloServlet.class, "/hello");
                    context.addServlet(dev.vaultoidc.agent.sample.HelloServlet.class, "/health");
                    server.setHandler(context);
                    server.start();
                    System.out.println("READY " + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
                    server.join();
                }
            }
            """;

    private static String compiled;

    private JettyEe11() {}

    /** The directory holding the compiled app. */
    static synchronized String compile() {
        if (compiled != null) {
            return compiled;
        }
        try {
            Path dir = Files.createTempDirectory("jetty-ee11-app");
            Path src = dir.resolve(MAIN + ".java");
            Files.writeString(src, SOURCE);
            int rc = ToolProvider.getSystemJavaCompiler()
                    .run(
                            null,
                            null,
                            null,
                            "-d",
                            dir.toString(),
                            "-cp",
                            ChildJvm.classPathOf("jetty-ee11"),
                            src.toString());
            if (rc != 0) {
                throw new IllegalStateException("javac failed for the Jetty ee11 sample app");
            }
            compiled = dir.toString();
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
