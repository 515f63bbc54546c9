package dev.vaultoidc.benchmarks;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.servlet.VaultOidcFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Requests per second through an embedded Jetty 12 (ee10) with and without {@link VaultOidcFilter}, client and
 * server in one JVM (JDK {@link HttpClient}, HTTP/1.1 keep-alive). Every request carries an RS256 bearer token:
 * {@code none} = no filter (the container's own cost), {@code repeated} = the filter with the default verifier and
 * one token (verified-token cache hits), {@code distinct} = the filter with the token cache off and a pool of
 * tokens (a full verification per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterBenchmark {
    @Param({"none", "repeated", "distinct"})
    public String filter;

    private KeyServer keys;
    private TokenVerifier verifier;
    private Server server;
    private HttpClient http;
    private URI uri;
    private String[] bearers;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        keys = new KeyServer();
        SigningKey key = SigningKey.generate("RS256", "bench-filter");
        keys.publish(List.of(key));
        bearers = VaultTokens.mint(key, keys.issuer(), filter.equals("distinct") ? VerifyFixture.POOL : 1).stream()
                .map(t -> "Bearer " + t)
                .toArray(String[]::new);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (!filter.equals("none")) {
            verifier = TokenVerifier.builder()
                    .issuer(keys.issuer())
                    .audiences(VaultTokens.CLIENT_ID)
                    .tokenCacheSize(filter.equals("repeated") ? 10_000 : 0)
                    .build();
            if (!verifier.warmUp().get(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no keys: " + verifier.health());
            }
            context.addFilter(
                    new FilterHolder(VaultOidcFilter.builder(verifier).build()),
                    "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new Hello()), "/*");
        server.setHandler(context);
        server.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hello");
        for (String b : bearers) {
            request(b); // warm: connection, keys, and each token once
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.stop();
        if (verifier != null) {
            verifier.close();
        }
        keys.close();
    }

    @Benchmark
    public int request(TokenCursor c) throws Exception {
        return request(bearers[bearers.length == 1 ? 0 : c.next()]);
    }

    int request(String bearer) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", bearer)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        return r.statusCode();
    }

    String bearerForTest(int i) {
        return bearers[i];
    }

    /** The application: answers 200 with a short body. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }
}
