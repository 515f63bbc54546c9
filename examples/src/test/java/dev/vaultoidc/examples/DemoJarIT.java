package dev.vaultoidc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** README command 1's second half: the packaged jar runs the demo with plain {@code java -jar} and exits 0 by itself. */
class DemoJarIT {

    @Test
    void javaDashJarRunsTheDemoToTheEndAndExitsZero() throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectErrorStream(true).redirectInput(new File("/dev/null"));
        // A developer's own Vault settings must not send the test to their Vault.
        pb.environment().remove("VAULT_ADDR");
        pb.environment().remove("VAULT_TOKEN");
        Process process = pb.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // The stream ends when the JVM is gone: it exited without anyone stopping it.
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            assertThat(out).startsWith("vault-oidc demo against an embedded Vault emulator")
                    .contains("GET /orders -> HTTP 200", "HTTP 403", "a fresh token is signed by the new key",
                            "Demo finished: all 9 checks behaved as expected.")
                    // Banner off and WARN level: nothing from Spring or Tomcat on a good run.
                    .doesNotContain(":: Spring Boot ::", "INFO", "Tomcat started");
        } finally {
            process.destroyForcibly();
        }
    }
}
