package dev.vaultoidc.parenttest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

/**
 * The app after Spring AOT processing ({@code process-aot} in this module's build), started as a user runs it:
 * a JVM of its own, {@code -Dspring.aot.enabled=true}, the app's runtime classpath and nothing from the tests.
 * Then tokens are verified end to end against the emulator, and on Boot 4 the RFC 9728 metadata names the issuer.
 */
class AotRunTest {
    static final EmulatedVault VAULT = EmulatedVault.INSTANCE;
    static Process app;
    static Path log;
    static Http http;

    @BeforeAll
    static void startAotProcessedApp() throws Exception {
        String classpath = System.getProperty("app.classpath");
        assertThat(classpath).as("set by this module's surefire configuration").isNotBlank();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        log = Files.createTempFile("aot-app", ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        app = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Dspring.aot.enabled=true",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        OrdersApp.class.getName(),
                        "--server.port=" + port,
                        "--vault.oidc.address=" + VAULT.address(),
                        "--vault.oidc.audiences=" + VAULT.clientId))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        http = new Http(port);
        awaitStarted(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void startsFromTheAotGeneratedInitializer() {
        assertThat(output()).contains("Starting AOT-processed OrdersApp");
    }

    @Test
    void verifiesVaultTokensEndToEnd() {
        String alice = VAULT.idToken("alice");

        HttpResponse<String> me = http.get("/me", alice);

        assertThat(me.statusCode()).as(output()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(VAULT.aliceId);
        assertThat(http.get("/admin", alice).statusCode()).isEqualTo(200);
        assertThat(http.get("/admin", VAULT.idToken("bob")).statusCode()).isEqualTo(403);
        assertThat(http.get("/me", null).statusCode()).isEqualTo(401);
    }

    /** Boot 4 only: Spring Security 7's RFC 9728 endpoint names the Vault issuer in the AOT-processed app too. */
    @Test
    void protectedResourceMetadataNamesTheVaultIssuer() throws Exception {
        assumeTrue(
                ClassUtils.isPresent(
                        "org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter",
                        AotRunTest.class.getClassLoader()),
                "Spring Security 7 serves RFC 9728 metadata");

        HttpResponse<String> metadata = http.get("/.well-known/oauth-protected-resource", null);

        assertThat(metadata.statusCode()).as(output()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(metadata.body()).path("authorization_servers"))
                .extracting(JsonNode::asText)
                .containsExactly(VAULT.address() + "/v1/identity/oidc");
    }

    private static void awaitStarted(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the AOT-processed app exited with " + app.exitValue() + ":\n" + output());
            }
            if (output().contains("Started OrdersApp")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the AOT-processed app did not start within " + timeout + ":\n" + output());
    }

    private static String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
