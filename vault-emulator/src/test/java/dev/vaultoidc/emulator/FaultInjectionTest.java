package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Faults: forced statuses for N requests or until cleared, dropped connections, latency. */
@EmulatorTest
class FaultInjectionTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    FaultInjectionTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    @Test
    void sealedForTwoRequestsThenNormal() {
        vault.faults().status("identity/entity", 503, 2);

        VaultHttp.Resp first = http.post("identity/entity", body("name", "a"));
        VaultHttp.Resp second = http.list("identity/entity/id");
        VaultHttp.Resp third = http.post("identity/entity", body("name", "a"));

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.errors()).containsExactly("Vault is sealed");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        assertThat(http.get("sys/health").status()).isEqualTo(200);
    }

    @Test
    void globsMatchSegmentsAndStatusLastsUntilCleared() {
        vault.faults().status("identity/*/name/**", 429);

        assertThat(http.get("identity/entity/name/a/b").status()).isEqualTo(429);
        assertThat(http.get("identity/group/name/x").status()).isEqualTo(429);
        assertThat(http.get("identity/entity/id/x").status()).isEqualTo(404);
        assertThat(http.get("identity/entity/name/a").errors()).containsExactly("rate limit quota exceeded");

        vault.faults().clear();
        assertThat(http.get("identity/entity/name/a").status()).isEqualTo(404);
    }

    @Test
    void internalErrorWithCustomMessage() {
        vault.faults().status("/v1/sys/health", 500, 1, "boom");

        VaultHttp.Resp r = http.get("sys/health");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errors()).containsExactly("boom");
    }

    @Test
    void droppedConnectionGivesNoResponseAndIsLogged() {
        vault.faults().dropConnection("identity/entity", 1);

        // A POST, because the JDK client silently retries an idempotent GET once.
        assertThatThrownBy(() -> http.post("identity/entity", body("name", "a")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(http.post("identity/entity", body("name", "a")).status()).isEqualTo(200);
        assertThat(vault.requests()).anyMatch(r -> r.path().equals("identity/entity") && r.status() == 0);
    }

    @Test
    void latencyDelaysTheResponse() throws IOException, InterruptedException {
        vault.faults().latency("sys/health", Duration.ofMillis(100), 1);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/sys/health"))
                .timeout(Duration.ofMillis(20))
                .build();

        // A client timeout shorter than the injected latency fails; no wall-clock assertion needed.
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        // Used up after one request: the next one is prompt.
        assertThat(client.send(
                                HttpRequest.newBuilder(URI.create(vault.address() + "/v1/sys/health"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }
}
