package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The test controls over real HTTP under /_emulator/: clock, faults, request log, reset. */
@EmulatorTest
class TestControlsTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    TestControlsTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private VaultHttp.Resp control(String method, String op, Object body, String token) {
        return control(vault, method, op, body, token);
    }

    private VaultHttp.Resp control(String method, String op, Object body) {
        return control(method, op, body, vault.rootToken());
    }

    static VaultHttp.Resp control(VaultEmulator vault, String method, String op, Object body, String token) {
        String json;
        try {
            json = body == null ? null : VaultHttp.JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(vault.address() + "/_emulator/" + op))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-Vault-Token", token);
        }
        return VaultHttp.exchange(b.build());
    }

    @Test
    void advancingTheClockExpiresATokenWithoutWaiting() {
        String token = http.post("auth/token/create", body("ttl", "10m", "policies", "p"))
                .json()
                .get("auth")
                .get("client_token")
                .asText();
        Instant before =
                Instant.parse(control("GET", "clock", null).json().get("now").asText());

        VaultHttp.Resp advanced = control("POST", "clock/advance", body("by", "11m"));

        assertThat(advanced.status()).isEqualTo(200);
        Instant after = Instant.parse(advanced.json().get("now").asText());
        assertThat(Duration.between(before, after)).isBetween(Duration.ofMinutes(11), Duration.ofMinutes(12));
        assertThat(http.as(token).get("auth/token/lookup-self").status()).isEqualTo(403);

        VaultHttp.Resp set = control("POST", "clock/set", body("time", "2030-01-01T00:00:00Z"));
        assertThat(Instant.parse(set.json().get("now").asText()))
                .isBetween(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:01:00Z"));
        assertThat(control("POST", "clock/advance", body("by", "soon")).status())
                .isEqualTo(400);
        assertThat(control("POST", "clock/set", body("time", "tomorrow")).error())
                .isEqualTo("not an RFC 3339 time: tomorrow");
    }

    @Test
    void faultsAreInjectedAndClearedOverHttp() {
        assertThat(control("POST", "faults", body("pattern", "identity/entity", "status", 503, "times", 1))
                        .status())
                .isEqualTo(204);
        assertThat(control("POST", "faults", body("pattern", "sys/health", "status", 500, "message", "boom"))
                        .status())
                .isEqualTo(204);

        VaultHttp.Resp sealed = http.post("identity/entity", body("name", "a"));
        assertThat(sealed.status()).isEqualTo(503);
        assertThat(sealed.errors()).containsExactly("Vault is sealed");
        assertThat(http.post("identity/entity", body("name", "a")).status()).isEqualTo(200);
        assertThat(http.get("sys/health").errors()).containsExactly("boom");
        assertThat(http.get("sys/health").status()).isEqualTo(500);

        assertThat(control("DELETE", "faults", null).status()).isEqualTo(204);
        assertThat(http.get("sys/health").status()).isEqualTo(200);

        assertThat(control("POST", "faults", body("pattern", "identity/**", "latency", "1s", "status", 500))
                        .error())
                .isEqualTo("give exactly one of status, drop or latency");
        assertThat(control("POST", "faults", body("status", 500)).error()).isEqualTo("missing pattern");
        assertThat(control("POST", "faults", body("pattern", "x", "drop", true, "times", 1))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void faultsNeverHitTheControlsThemselves() {
        control("POST", "faults", body("pattern", "**", "status", 503));

        assertThat(http.get("sys/health").status()).isEqualTo(503);
        assertThat(control("DELETE", "faults", null).status()).isEqualTo(204);
        assertThat(http.get("sys/health").status()).isEqualTo(200);
    }

    @Test
    void requestLogIsReadFilteredAndClearedWithoutSecretsOrControlRequests() {
        http.get("sys/health");
        http.post("identity/entity", body("name", "a"));
        http.list("identity/entity/id");

        JsonNode all = control("GET", "requests", null).json();
        assertThat(all.get("count").asInt()).isEqualTo(3);
        JsonNode first = all.get("requests").get(0);
        assertThat(first.get("method").asText()).isEqualTo("GET");
        assertThat(first.get("path").asText()).isEqualTo("sys/health");
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("time").asText()).isNotEmpty();
        assertThat(all.toString()).doesNotContainIgnoringCase("x-vault-token").doesNotContain(vault.rootToken() + "\"");

        JsonNode filtered = control("GET", "requests?path=identity/**", null).json();
        assertThat(filtered.get("count").asInt()).isEqualTo(2);
        assertThat(filtered.get("requests").get(1).get("method").asText()).isEqualTo("LIST");

        assertThat(control("DELETE", "requests", null).status()).isEqualTo(204);
        assertThat(control("GET", "requests", null).json().get("count").asInt()).isZero();
        assertThat(vault.requests()).isEmpty();
    }

    @Test
    void resetForgetsEverything() {
        http.post("identity/entity", body("name", "a"));

        assertThat(control("POST", "reset", null).status()).isEqualTo(204);

        assertThat(http.get("identity/entity/name/a").status()).isEqualTo(404);
        assertThat(vault.requests()).extracting(RecordedRequest::path).containsExactly("identity/entity/name/a");
    }

    @Test
    void onlyTheRootTokenMayUseThem() {
        String child = http.post("auth/token/create", body("policies", "p"))
                .json()
                .get("auth")
                .get("client_token")
                .asText();

        assertThat(control("POST", "reset", null, null).status()).isEqualTo(403);
        assertThat(control("POST", "reset", null, child).status()).isEqualTo(403);
        assertThat(control("GET", "requests", null, "not-" + vault.rootToken()).errors())
                .containsExactly("permission denied");
        assertThat(control("GET", "nope", null).status()).isEqualTo(404);
        assertThat(control("DELETE", "reset", null).status()).isEqualTo(405);
    }

    @Test
    void builderOptionTurnsThemOff() {
        try (VaultEmulator off =
                VaultEmulator.builder().testControls(false).build().start()) {
            VaultHttp.Resp r = control(off, "POST", "reset", null, off.rootToken());

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errors()).isEmpty();
        }
    }

    @Test
    void standaloneFlagTurnsThemOff() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (VaultEmulator on = VaultEmulatorMain.start(new String[] {"--port", "0"}, out)) {
            assertThat(control(on, "GET", "clock", null, on.rootToken()).status())
                    .isEqualTo(200);
            assertThat(buffer.toString(StandardCharsets.UTF_8))
                    .contains("Test controls: " + on.address() + "/_emulator/");
        }
        try (VaultEmulator off = VaultEmulatorMain.start(new String[] {"--port", "0", "--no-test-controls"}, out)) {
            assertThat(control(off, "GET", "clock", null, off.rootToken()).status())
                    .isEqualTo(404);
            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Test controls: off");
        }
    }
}
