package dev.vaultoidc.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/** The Undertow sample app, compiled when first needed against {@code target/libs/undertow}. */
final class Undertow {
    static final String MAIN = "UndertowApp";

    private static final String SOURCE = """
            import io.undertow.servlet.Servlets;
            import io.undertow.servlet.api.DeploymentManager;
            import java.net.InetSocketAddress;

            /** An unmodified embedded Undertow 2.3 (Jakarta Servlet 6.0) application: /hello, /health. */
            public final class UndertowApp {
                public static void main(String[] args) throws Exception {
                    DeploymentManager manager = Servlets.defaultContainer().addDeployment(Servlets.deployment()
                            .setClassLoader(UndertowApp.class.getClassLoader()).setContextPath("/")
                            .setDeploymentName("app").addServlets(Servlets.servlet("hello",
                                    dev.vaultoidc.agent.sample.HelloServlet.class).addMappings("/hello", "/health")));
                    manager.deploy();
                    io.undertow.Undertow server = io.undertow.Undertow.builder().addHttpListener(0, "127.0.0.1")
                            .setHandler(manager.start()).build();
                    server.start();
                    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
                    System.out.println("READY " + port);
                }
            }
            """;

    private static String compiled;

    private Undertow() {}

    /** The directory holding the compiled app. */
    static synchronized String compile() {
        if (compiled != null) {
            return compiled;
        }
        try {
            Path dir = Files.createTempDirectory("undertow-app");
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
                            ChildJvm.classPathOf("undertow"),
                            src.toString());
            if (rc != 0) {
                throw new IllegalStateException("javac failed for the Undertow sample app");
            }
            compiled = dir.toString();
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
