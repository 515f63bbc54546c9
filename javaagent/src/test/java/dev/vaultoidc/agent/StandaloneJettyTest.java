package dev.vaultoidc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A WAR in a standalone Jetty 12 (the {@code jetty-home} distribution, a {@code jetty.base} made by its own
 * {@code start.jar --add-modules}, the WAR dropped into {@code webapps/}), with the agent added to the JVM that runs
 * {@code start.jar}, as an operator would ({@code java -javaagent:... -jar start.jar}). The servlet API and the
 * application live in Jetty's environment and webapp class loaders, which the agent's loader cannot see.
 */
class StandaloneJettyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"ee10", "ee11"})
    void protectsAWarInAStandaloneJetty(String environment, @TempDir Path base) throws Exception {
        Path home;
        try (var dirs = Files.list(Path.of(System.getProperty("vault.oidc.test.libs", "target/libs"), "jetty-dist"))) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("jetty-home-"))
                    .findFirst()
                    .orElseThrow();
        }
        List<String> jetty = List.of(
                "-Djetty.home=" + home,
                "-Djetty.base=" + base,
                "-cp",
                home.resolve("start.jar").toString());
        // jetty.base as the distribution documents it: start.jar writes start.d/ for the chosen modules.
        List<String> setup = new ArrayList<>(List.of(ChildJvm.java()));
        setup.addAll(jetty);
        setup.addAll(List.of("org.eclipse.jetty.start.Main", "--add-modules=http," + environment + "-deploy"));
        Process p = new ProcessBuilder(setup)
                .directory(base.toFile())
                .redirectErrorStream(true)
                .start();
        String setupOutput = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(setupOutput).isZero();
        StandaloneTomcatTest.writeWar(base.resolve("webapps/app.war"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        try (VaultEmulator emulator = VaultEmulator.builder().build().start()) {
            VaultFixture fixture = new VaultFixture(emulator);
            String options = "address=" + emulator.address() + ",audiences=" + fixture.apiClientId
                    + ",agent.inbound.required-roles=admins,agent.inbound.excluded-paths=/health";
            try (ChildJvm server = ChildJvm.start(
                    options,
                    n -> false,
                    jetty,
                    "org.eclipse.jetty.start.Main",
                    "jetty.http.host=127.0.0.1",
                    "jetty.http.port=" + port)) {
                server.awaitContaining("Started oejs.Server@", Duration.ofSeconds(90));
                String app = "http://127.0.0.1:" + port + "/app";

                HttpResponse<String> none = get(app + "/hello", null);
                assertThat(none.statusCode()).as(server.output()).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vault-oidc\"");
                HttpResponse<String> bad = get(app + "/hello", "not.a.token");
                assertThat(bad.statusCode()).isEqualTo(401);
                assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .contains("error=\"invalid_token\"");
                HttpResponse<String> ok = get(app + "/hello", fixture.memberToken());
                assertThat(ok.statusCode()).as(server.output()).isEqualTo(200);
                assertThat(ok.body())
                        .isEqualTo("user=" + fixture.memberEntityId
                                + " admin=true auth=Bearer token-attribute=true path=/hello");
                HttpResponse<String> outsider = get(app + "/hello", fixture.outsiderToken());
                assertThat(outsider.statusCode()).isEqualTo(403);
                assertThat(outsider.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .contains("error=\"insufficient_scope\"");
                HttpResponse<String> health = get(app + "/health", null);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).startsWith("user=- ");
                assertThat(server.output()).contains("plugin jetty-" + environment + " instrumented");
                System.out.println(
                        "---- standalone Jetty " + environment + " on " + ChildJvm.java() + "\n" + server.output());
            }
        }
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
