package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged, shaded jar starts with {@code java -jar}, prints its address and answers. */
class StandaloneJarIT {

    @Test
    void runnableJarServesVault() throws Exception {
        Path jar = Path.of(System.getProperty("emulator.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--root-token", "it-token")
                .redirectErrorStream(true)
                .redirectInput(new File("/dev/null"))
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String address = null;
            for (String line = out.readLine(); line != null && address == null; line = out.readLine()) {
                if (line.startsWith("Vault emulator listening on ")) {
                    address = line.substring("Vault emulator listening on ".length());
                }
            }
            assertThat(address).startsWith("http://127.0.0.1:");

            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(address + "/v1/identity/entity"))
                                    .header("X-Vault-Token", "it-token")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from-jar\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"name\":\"from-jar\"");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
