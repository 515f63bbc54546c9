package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standalone entry point parses its options, starts, prints its address and serves. */
class VaultEmulatorMainTest {

    @Test
    void startsOnTheGivenPortAndAnswers() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (VaultEmulator vault = VaultEmulatorMain.start(
                new String[] {"--port", "0", "--root-token", "t0ps3cret", "--auth", "approle"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            String out = buffer.toString(StandardCharsets.UTF_8);

            assertThat(out).contains("Vault emulator listening on " + vault.address());
            assertThat(out).contains("Enabled auth method approle (accessor auth_approle_");
            assertThat(out).doesNotContain("t0ps3cret");
            assertThat(vault.rootToken()).isEqualTo("t0ps3cret");
            assertThat(new VaultHttp(vault).list("auth/approle/role").status()).isEqualTo(404);
            assertThat(new VaultHttp(vault)
                            .get("sys/health")
                            .json()
                            .get("initialized")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aclEnforcementIsOnUnlessNoAcl() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (VaultEmulator on = VaultEmulatorMain.start(new String[] {"--port", "0"}, out)) {
            assertThat(on.aclEnforcement()).isTrue();
            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("ACL policies: enforced");
        }
        try (VaultEmulator off = VaultEmulatorMain.start(new String[] {"--no-acl", "--port", "0"}, out)) {
            assertThat(off.aclEnforcement()).isFalse();
            String token = off.createToken(null);
            assertThat(new VaultHttp(off)
                            .as(token)
                            .post("identity/entity", VaultHttp.body("name", "a"))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void rejectsBadOptions() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> VaultEmulatorMain.start(new String[] {"--port"}, out))
                .hasMessage("missing value for --port");
        assertThatThrownBy(() -> VaultEmulatorMain.start(new String[] {"--port", "x"}, out))
                .hasMessage("--port must be a number: x");
        assertThatThrownBy(() -> VaultEmulatorMain.start(new String[] {"--frob", "1"}, out))
                .hasMessage("unknown option --frob");
    }

    /** A real JVM, so the exit status is the one a shell sees. */
    @Test
    void helpPrintsToStandardOutputAndExitsZero() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Path stdout = Files.createTempFile("emulator-help", ".out");
            Path stderr = Files.createTempFile("emulator-help", ".err");
            try {
                Process p = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                VaultEmulatorMain.class.getName(),
                                "--port",
                                "0",
                                flag)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();

                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
                assertThat(p.exitValue()).isZero();
                String out = Files.readString(stdout);
                assertThat(out)
                        .startsWith("usage: java -jar vault-emulator.jar")
                        .contains("--no-test-controls")
                        .contains("--flavour vault|openbao")
                        .doesNotContain("listening");
                assertThat(Files.readString(stderr)).isEmpty();
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        }
    }

    @Test
    void badOptionsExitTwoWithTheUsageOnStandardError() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        VaultEmulatorMain.class.getName(),
                        "--frob",
                        "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(false)
                .start();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err).contains("unknown option --frob").contains("usage:");
    }
}
