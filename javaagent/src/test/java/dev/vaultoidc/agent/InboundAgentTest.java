package dev.vaultoidc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unmodified sample applications on real containers, each in a child JVM with the agent, against tokens minted
 * by the emulator: no token, a bad token, a valid token, a token lacking the required role, an excluded path.
 */
class InboundAgentTest {
    private static VaultEmulator emulator;
    private static VaultFixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startVault() {
        emulator = VaultEmulator.builder().build().start();
        fixture = new VaultFixture(emulator);
    }

    @AfterAll
    static void stopVault() {
        emulator.close();
    }

    static Predicate<String> libraries(String container) {
        return switch (container) {
            case "jetty-ee10" -> n -> n.startsWith("jetty-") || n.startsWith("jakarta.servlet-api")
                    || n.startsWith("slf4j-api");
            case "tomcat" -> n -> n.startsWith("tomcat-") || n.startsWith("jakarta.servlet-api");
            default -> throw new IllegalArgumentException(container);
        };
    }

    static String mainClass(String container) {
        return switch (container) {
            case "jetty-ee10" -> "dev.vaultoidc.agent.sample.JettyEe10App";
            case "tomcat" -> "dev.vaultoidc.agent.sample.TomcatApp";
            default -> throw new IllegalArgumentException(container);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty-ee10", "tomcat"})
    void protectsAnUnmodifiedApplication(String container) throws Exception {
        String options = "address=" + emulator.address() + ",audiences=" + fixture.apiClientId
                + ",agent.inbound.required-roles=admins,agent.inbound.excluded-paths=/health";
        try (ChildJvm app = ChildJvm.start(options, libraries(container), List.of(), mainClass(container))) {
            String port = app.await("READY", Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + port;

            HttpResponse<String> none = get(base + "/hello", null);
            assertThat(none.statusCode()).as(app.output()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vault-oidc\"");

            HttpResponse<String> bad = get(base + "/hello", "not.a.token");
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"invalid_token\"", "error_description=\"The token is malformed\"");

            HttpResponse<String> ok = get(base + "/hello", fixture.memberToken());
            assertThat(ok.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("user=" + fixture.memberEntityId
                    + " admin=true auth=Bearer token-attribute=true path=/hello");

            HttpResponse<String> outsider = get(base + "/hello", fixture.outsiderToken());
            assertThat(outsider.statusCode()).isEqualTo(403);
            assertThat(outsider.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"insufficient_scope\"");

            HttpResponse<String> health = get(base + "/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("user=- admin=false auth=null token-attribute=false path=/health");

            assertThat(app.output()).contains("vault-oidc agent", "active in")
                    .doesNotContain(fixture.memberToken().substring(0, 20));
            System.out.println("---- " + container + " on " + ChildJvm.java() + "\n" + app.output());
        }
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
