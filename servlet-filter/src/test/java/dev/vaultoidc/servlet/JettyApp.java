package dev.vaultoidc.servlet;

import dev.vaultoidc.core.verify.VerifiedToken;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee10) application under context path {@code /app} with the filter on {@code /*}. Its servlets
 * answer what the application sees: {@code principal}, {@code remoteUser}, {@code authType}, role checks and the
 * token attribute, one {@code key=value} per line.
 */
final class JettyApp implements AutoCloseable {
    static final String CONTEXT = "/app";

    private final Server server;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    private JettyApp(Server server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + CONTEXT;
    }

    static JettyApp start(FilterHolder filter) throws Exception {
        return start(filter, EnumSet.of(DispatcherType.REQUEST));
    }

    static JettyApp start(FilterHolder filter, EnumSet<DispatcherType> dispatches) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(CONTEXT);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", dispatches);
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        ServletHolder async = new ServletHolder(new AsyncWhoAmI());
        async.setAsyncSupported(true);
        context.addServlet(async, "/async");
        ServletHolder dispatch = new ServletHolder(new AsyncDispatchWhoAmI());
        dispatch.setAsyncSupported(true);
        context.addServlet(dispatch, "/async-dispatch");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyApp(server);
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getWithToken(String path, String token) throws IOException, InterruptedException {
        return get(path, "Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    static String describe(HttpServletRequest req) {
        Object attribute = req.getAttribute(VaultOidcFilter.VERIFIED_TOKEN_ATTRIBUTE);
        return "principal="
                + (req.getUserPrincipal() == null
                        ? "none"
                        : req.getUserPrincipal().getName()) + "\n"
                + "remoteUser=" + req.getRemoteUser() + "\n"
                + "authType=" + req.getAuthType() + "\n"
                + "admins=" + req.isUserInRole("admins") + "\n"
                + "auditors=" + req.isUserInRole("auditors") + "\n"
                + "attribute=" + (attribute instanceof VerifiedToken t ? t.subject() : "none") + "\n"
                + "dispatch=" + req.getDispatcherType() + "\n";
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }

    static final class WhoAmI extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            write(resp, describe(req));
        }
    }

    /** Answers from another thread, reading the request through the AsyncContext. */
    static final class AsyncWhoAmI extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    write((HttpServletResponse) async.getResponse(), describe((HttpServletRequest) async.getRequest()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** Goes async, then dispatches back to itself: the answer comes from the ASYNC dispatch. */
    static final class AsyncDispatchWhoAmI extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                write(resp, describe(req));
                return;
            }
            AsyncContext async = req.startAsync();
            async.start(async::dispatch);
        }
    }
}
