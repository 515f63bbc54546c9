package dev.vaultoidc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerifiedToken;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unmodified client program in a child JVM with the agent calls an echo server, which answers with the
 * Authorization header it received. {@code localhost:<port>} is listed; {@code 127.0.0.1:<port>}, the same
 * server, is not.
 */
class OutboundAgentTest {
    private static final List<String> CLIENTS = List.of(
            "jdk-sync", "jdk-async", "url-connection", "okhttp", "apache-classic", "apache-async", "reactor-netty");

    private static VaultEmulator emulator;
    private static VaultFixture fixture;
    private static HttpServer echo;

    @BeforeAll
    static void start() throws IOException {
        emulator = VaultEmulator.builder().build().start();
        fixture = new VaultFixture(emulator);
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/echo", ex -> answer(ex, 200, ex.getRequestHeaders().getFirst("Authorization")));
        echo.createContext("/redirect", ex -> {
            String to = URLDecoder.decode(
                    ex.getRequestURI().getRawQuery().substring("to=".length()), StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Location", to);
            answer(ex, 302, "moved");
        });
        echo.start();
    }

    @AfterAll
    static void stop() {
        echo.stop(0);
        emulator.close();
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = String.valueOf(body == null ? "none" : body).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"okhttp-5", "okhttp-4"})
    void attachesTheIdTokenForListedHostsOnly(String okhttp) throws Exception {
        int port = echo.getAddress().getPort();
        String options = "address=" + emulator.address() + ",auth.approle.role-id=" + fixture.roleId
                + ",auth.approle.secret-id=" + fixture.secretId + ",agent.outbound.role=api"
                + ",agent.outbound.hosts=localhost:" + port;
        Map<String, String> results = new LinkedHashMap<>();
        // The same unmodified client program, with OkHttp 5.5.1 (the test class path) or 4.12.0 (target/libs).
        String apache = ChildJvm.classPath(n -> n.startsWith("httpclient5")
                || n.startsWith("httpcore5")
                || n.startsWith("slf4j-api")
                || n.startsWith("reactor-")
                || n.startsWith("netty-")
                || n.startsWith("reactive-streams"));
        String classPath = okhttp.equals("okhttp-5")
                ? ChildJvm.classPath(n ->
                                n.startsWith("okhttp-jvm") || n.startsWith("okio-jvm") || n.startsWith("kotlin-stdlib"))
                        + java.io.File.pathSeparator
                        + apache
                : ChildJvm.classPathOf("okhttp4", apache);
        try (ChildJvm app = ChildJvm.start(
                options,
                n -> false,
                List.of("-cp", classPath),
                "dev.vaultoidc.agent.sample.ClientApp",
                "http://localhost:" + port,
                "http://127.0.0.1:" + port)) {
            app.await("DONE", Duration.ofSeconds(90));
            for (String line : app.output().split("\n")) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    results.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
            System.out.println("---- outbound, " + okhttp + ", on " + ChildJvm.java() + "\n"
                    + app.output().replaceAll("Bearer eyJ[^ \\n]*", "Bearer <ID token>"));
        }
        try (TokenVerifier verifier = TokenVerifier.builder()
                .vaultAddress(emulator.address())
                .audiences(fixture.apiClientId)
                .build()) {
            for (String client : CLIENTS) {
                String listed = results.get(client + "/listed");
                assertThat(listed).as(client + " listed").startsWith("Bearer ");
                VerifiedToken token = verifier.verify(listed.substring("Bearer ".length()));
                assertThat(token.subject()).as(client).isEqualTo(fixture.memberEntityId);
                // A hop to a listed host carries the token even when the first hop went elsewhere.
                assertThat(results.get(client + "/redirect-listed"))
                        .as(client + " redirect to listed")
                        .startsWith("Bearer ey");
                assertThat(results.get(client + "/unlisted"))
                        .as(client + " unlisted")
                        .isEqualTo("none");
                assertThat(results.get(client + "/preset"))
                        .as(client + " preset")
                        .isEqualTo("Bearer preset");
                assertThat(results.get(client + "/redirect-unlisted"))
                        .as(client + " redirect to unlisted")
                        .isEqualTo("none");
            }
        }
    }
}
