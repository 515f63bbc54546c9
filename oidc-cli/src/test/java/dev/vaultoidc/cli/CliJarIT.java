package dev.vaultoidc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The packaged, shaded jar runs with {@code java -jar}: verdict on stdout, exit codes as documented, against the
 * emulator and against OpenBao.
 */
class CliJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {}

    /**
     * Failsafe sets {@code cli.jar} after packaging; a surefire run that picks this class up anyway (a
     * {@code -Dtest=} pattern replaces surefire's own excludes) comes before the jar exists (or would use a
     * stale one), so it skips.
     */
    @BeforeAll
    static void needsThePackagedJar() {
        Assumptions.assumeTrue(System.getProperty("cli.jar") != null, "runs under failsafe, after packaging");
    }

    private static Run java(String stdin, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("cli.jar"));
        assertThat(jar).exists();
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish");
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream s) {
        try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BothServers
    void shadedJarVerifiesAServerTokenReadFromStdin(TestServer server) throws Exception {
        ServerOidc oidc = ServerOidc.of(server);
        String clientId = oidc.createRole();
        String token = oidc.mint();

        Run valid = java(token + "\n", "verify", "--issuer", oidc.issuer(), "--audience", clientId);
        assertThat(valid.code()).as(valid.err()).isZero();
        JsonNode v = JSON.readTree(valid.out());
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("claims").get("aud").asText()).isEqualTo(clientId);
        assertThat(valid.err()).isEmpty();

        Run rejected = java(token, "verify", "--issuer", oidc.issuer(), "--audience", "not-" + clientId, "-");
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(JSON.readTree(rejected.out()).get("reason").asText()).isEqualTo("WRONG_AUDIENCE");

        Run usage = java("", "verify", "--issuer", oidc.issuer(), token);
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Usage:");

        for (Run r : List.of(valid, rejected, usage)) {
            assertThat(r.out() + r.err()).doesNotContain(token);
        }
    }
}
