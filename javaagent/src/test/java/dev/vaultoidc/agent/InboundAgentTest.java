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
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startVault() {
        emulator = VaultEmulator.builder().build().start();
        fixture = new VaultFixture(emulator);
    }

    @AfterAll
    static void stopVault() {
        emulator.close();
    }

    /** How to launch each container's sample app: class path (as JVM arguments) and main class. */
    record Launch(List<String> jvmArgs, String mainClass) {}

    static Launch launch(String container) throws IOException {
        return switch (container) {
            case "jetty-ee10" ->
                new Launch(
                        List.of(
                                "-cp",
                                ChildJvm.classPath(n -> n.startsWith("jetty-")
                                        || n.startsWith("jakarta.servlet-api")
                                        || n.startsWith("slf4j-api"))),
                        "dev.vaultoidc.agent.sample.JettyEe10App");
            case "tomcat-10.1" ->
                new Launch(
                        List.of(
                                "-cp",
                                ChildJvm.classPath(
                                        n -> n.startsWith("tomcat-") || n.startsWith("jakarta.servlet-api"))),
                        "dev.vaultoidc.agent.sample.TomcatApp");
            case "tomcat-11" ->
                new Launch(List.of("-cp", ChildJvm.classPathOf("tomcat11")), "dev.vaultoidc.agent.sample.TomcatApp");
            case "jetty-ee11" ->
                new Launch(List.of("-cp", ChildJvm.classPathOf("jetty-ee11", JettyEe11.compile())), JettyEe11.MAIN);
            case "undertow" ->
                new Launch(List.of("-cp", ChildJvm.classPathOf("undertow", Undertow.compile())), Undertow.MAIN);
            default -> throw new IllegalArgumentException(container);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty-ee10", "tomcat-10.1", "tomcat-11", "jetty-ee11", "undertow"})
    void protectsAnUnmodifiedApplication(String container) throws Exception {
        assertProtects(container, fixture, "emulator");
    }

    /**
     * Starts {@code container}'s sample app with the agent trusting {@code fixture}'s server and checks every
     * answer: no token, a bad token, a valid token (principal = its {@code sub}), a missing role, an excluded path.
     */
    static void assertProtects(String container, VaultFixture fixture, String server) throws Exception {
        String options = "address=" + fixture.address + ",audiences=" + fixture.apiClientId
                + ",agent.inbound.required-roles=admins,agent.inbound.excluded-paths=/health";
        Launch l = launch(container);
        try (ChildJvm app = ChildJvm.start(options, n -> false, l.jvmArgs(), l.mainClass())) {
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
            assertThat(ok.body())
                    .isEqualTo("user=" + fixture.memberEntityId
                            + " admin=true auth=Bearer token-attribute=true path=/hello");

            HttpResponse<String> outsider = get(base + "/hello", fixture.outsiderToken());
            assertThat(outsider.statusCode()).isEqualTo(403);
            assertThat(outsider.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"insufficient_scope\"");

            HttpResponse<String> health = get(base + "/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("user=- admin=false auth=null token-attribute=false path=/health");

            assertThat(app.output())
                    .contains("vault-oidc agent", "active in")
                    .doesNotContain(fixture.memberToken().substring(0, 20));
            System.out.println("---- " + container + " with tokens of the " + server + " on " + ChildJvm.java() + "\n"
                    + app.output());
        }
    }

    /**
     * Dynamic attach: the application runs and has served a request unprotected; the agent loaded into it then
     * rewrites the already loaded servlet classes (retransformation) and protects the following requests.
     */
    @org.junit.jupiter.api.Test
    void protectsARunningApplicationAfterDynamicAttach() throws Exception {
        Launch l = launch("jetty-ee10");
        try (ChildJvm app = ChildJvm.start(null, n -> false, l.jvmArgs(), l.mainClass())) {
            String base = "http://127.0.0.1:" + app.await("READY", Duration.ofSeconds(60));
            assertThat(get(base + "/hello", null).statusCode()).isEqualTo(200);

            com.sun.tools.attach.VirtualMachine vm =
                    com.sun.tools.attach.VirtualMachine.attach(String.valueOf(app.pid()));
            try {
                vm.loadAgent(
                        ChildJvm.AGENT_JAR.toAbsolutePath().toString(),
                        "address=" + emulator.address() + ",audiences=" + fixture.apiClientId);
            } finally {
                vm.detach();
            }
            app.awaitContaining("vault-oidc agent", Duration.ofSeconds(60));
            HttpResponse<String> none = get(base + "/hello", null);
            assertThat(none.statusCode()).as(app.output()).isEqualTo(401);
            HttpResponse<String> ok = get(base + "/hello", fixture.memberToken());
            assertThat(ok.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(ok.body()).startsWith("user=" + fixture.memberEntityId + " ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty-ee10"})
    void answers503WithRetryAfterWhileVaultIsUnreachable(String container) throws Exception {
        // A Vault that issued a good token and then went away: nothing listens at its address any more. The app
        // must start anyway, and refuse to judge tokens (503, not 401) until keys can be had.
        String token;
        String address;
        String audience;
        try (VaultEmulator gone = VaultEmulator.builder().build().start()) {
            VaultFixture f = new VaultFixture(gone);
            token = f.memberToken();
            address = gone.address();
            audience = f.apiClientId;
        }
        String options = "address=" + address + ",audiences=" + audience + ",jwks.fetch-wait=1s";
        Launch l = launch(container);
        try (ChildJvm app = ChildJvm.start(options, n -> false, l.jvmArgs(), l.mainClass())) {
            String base = "http://127.0.0.1:" + app.await("READY", Duration.ofSeconds(60));
            HttpResponse<String> unavailable = get(base + "/hello", token);
            assertThat(unavailable.statusCode()).as(app.output()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(get(base + "/hello", null).statusCode()).isEqualTo(401);
        }
    }

    /**
     * Spring Boot 3.5 on Tomcat with Spring Security permitting everything: the agent's check runs in Tomcat's
     * filter chain, in front of Spring Security, and decides; behind it Spring Security's request wrapper shows
     * its own (anonymous) authentication, so the controller sees no principal but the verified-token attribute.
     */
    @org.junit.jupiter.api.Test
    void guardsASpringBootApplicationWithSpringSecurity() throws Exception {
        String options = "address=" + emulator.address() + ",audiences=" + fixture.apiClientId
                + ",agent.inbound.excluded-paths=/health";
        String classPath = ChildJvm.classPath(n -> n.startsWith("spring-")
                || n.startsWith("tomcat-")
                || n.startsWith("jackson-")
                || n.startsWith("logback-")
                || n.startsWith("slf4j-api")
                || n.startsWith("jul-to-slf4j")
                || n.startsWith("log4j-")
                || n.startsWith("jakarta.annotation-api")
                || n.startsWith("snakeyaml")
                || n.startsWith("micrometer-"));
        try (ChildJvm app = ChildJvm.start(
                options, n -> false, List.of("-cp", classPath), "dev.vaultoidc.agent.sample.boot.BootApp")) {
            String base = "http://127.0.0.1:" + app.await("READY", Duration.ofSeconds(120));
            HttpResponse<String> none = get(base + "/hello", null);
            assertThat(none.statusCode()).as(app.output()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vault-oidc\"");
            assertThat(get(base + "/hello", "not.a.token").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = get(base + "/hello", fixture.memberToken());
            assertThat(ok.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("user=- admin=false token-attribute=true");
            assertThat(get(base + "/health", null).statusCode()).isEqualTo(200);
            System.out.println("---- spring-boot on " + ChildJvm.java() + "\n" + app.output());
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
