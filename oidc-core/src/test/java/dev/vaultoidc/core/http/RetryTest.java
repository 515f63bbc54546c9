package dev.vaultoidc.core.http;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Retries are driven by a manual clock and a recording sleeper: nothing here really sleeps. */
class RetryTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private VaultClient client(RetryPolicy policy) {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("s.static-token"))
                .retryPolicy(policy)
                .sleeper(sleeper)
                .clock(clock)
                .build();
    }

    private VaultClient client() {
        return client(RetryPolicy.defaults());
    }

    private static MockResponse dropConnection() {
        return new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket())
                .build();
    }

    @Test
    void readIsRetriedOnUnavailableUntilItSucceeds() {
        server.enqueue(errors(503, "Vault is sealed"));
        server.enqueue(errors(503, "Vault is sealed"));
        server.enqueue(envelope("{\"id\":\"e-1\"}"));

        VaultResponse response =
                client().logical().read("identity/entity/id/e-1").orElseThrow();

        assertThat(response.data().get("id").asText()).isEqualTo("e-1");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void attemptsAreBounded() {
        for (int i = 0; i < 6; i++) {
            server.enqueue(errors(500, "boom"));
        }

        VaultException e = catchThrowableOfType(
                VaultException.class,
                () -> client(RetryPolicy.builder().maxAttempts(3).build())
                        .logical()
                        .list("identity/entity/id"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.SERVER_ERROR);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void backoffGrowsExponentiallyWithinJitterBoundsAndIsCapped() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(errors(502));
        }
        RetryPolicy policy = RetryPolicy.builder()
                .maxAttempts(5)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(300))
                .multiplier(2)
                .jitter(0.5)
                .build();

        catchThrowableOfType(
                VaultException.class, () -> client(policy).logical().read("a"));

        assertThat(sleeper.sleeps).hasSize(4);
        assertThat(sleeper.sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeper.sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(sleeper.sleeps.get(2)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
        assertThat(sleeper.sleeps.get(3)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    }

    @Test
    void retryAfterSecondsReplacesTheBackoff() {
        server.enqueue(errors(429, "rate limit quota exceeded")
                .newBuilder()
                .setHeader("Retry-After", "7")
                .build());
        server.enqueue(envelope("{}"));

        client().logical().read("a");

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterHttpDateIsHonoured() {
        String in3s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(3).atZone(ZoneOffset.UTC));
        server.enqueue(errors(503).newBuilder().setHeader("Retry-After", in3s).build());
        server.enqueue(envelope("{}"));

        client().logical().read("a");

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterBeyondTheDeadlineFailsAtOnce() {
        server.enqueue(errors(429).newBuilder().setHeader("Retry-After", "120").build());
        server.enqueue(envelope("{}"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.RATE_LIMITED);
        assertThat(sleeper.sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void totalDeadlineStopsRetriesBeforeAttemptsRunOut() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(errors(504));
        }
        RetryPolicy policy = RetryPolicy.builder()
                .maxAttempts(10)
                .initialBackoff(Duration.ofMillis(400))
                .maxBackoff(Duration.ofMillis(400))
                .jitter(0)
                .maxElapsed(Duration.ofSeconds(1))
                .build();

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client(policy).logical().read("a"));

        // 0 ms, 400 ms, 800 ms; a third wait would end at 1200 ms, past the 1 s budget.
        assertThat(e.reason()).isEqualTo(VaultErrorReason.SERVER_ERROR);
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(errors(400, "invalid"));
        server.enqueue(errors(403, "permission denied"));

        assertThat(catchThrowableOfType(
                                VaultException.class, () -> client().logical().read("a"))
                        .reason())
                .isEqualTo(VaultErrorReason.INVALID_REQUEST);
        assertThat(catchThrowableOfType(
                                VaultException.class, () -> client().logical().read("a"))
                        .reason())
                .isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void plainWriteIsNotRetriedOnAmbiguousServerError() {
        server.enqueue(errors(500, "internal error"));
        server.enqueue(envelope("{\"id\":\"e-2\"}"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client().logical().write("identity/entity", Map.of("name", "bob")));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.SERVER_ERROR);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void plainWriteIsRetriedWhenVaultRejectedItBeforeProcessing() {
        server.enqueue(errors(503, "Vault is sealed"));
        server.enqueue(errors(429, "rate limit quota exceeded"));
        server.enqueue(envelope("{\"id\":\"e-2\"}"));

        VaultResponse r = client().logical()
                .write("identity/entity", Map.of("name", "bob"))
                .orElseThrow();

        assertThat(r.data().get("id").asText()).isEqualTo("e-2");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void idempotentWriteIsRetriedLikeARead() {
        server.enqueue(errors(500, "internal error"));
        server.enqueue(noContent());

        assertThat(client().logical().write("identity/entity/id/e-1", Map.of("policies", "p"), true))
                .isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void droppedConnectionOnReadIsRetried() {
        server.enqueue(dropConnection());
        server.enqueue(dropConnection());
        server.enqueue(envelope("{\"ok\":true}"));

        VaultResponse r = client().logical().read("a").orElseThrow();

        assertThat(r.data().get("ok").asBoolean()).isTrue();
        assertThat(sleeper.sleeps).isNotEmpty();
    }

    @Test
    void droppedConnectionOnPlainWriteIsNotRepeated() throws Exception {
        server.enqueue(dropConnection());
        server.enqueue(envelope("{\"id\":\"e-2\"}"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client().logical().write("identity/entity", Map.of("name", "bob")));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.CONNECTION_FAILURE);
        assertThat(sleeper.sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryPolicyRejectsNonsenseEagerly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RetryPolicy.builder().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RetryPolicy.builder().jitter(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RetryPolicy.builder().multiplier(0.5))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofSeconds(10))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneMeansASingleAttempt() {
        server.enqueue(errors(503));
        server.enqueue(envelope("{}"));

        catchThrowableOfType(
                VaultException.class, () -> client(RetryPolicy.none()).logical().read("a"));

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void truncatedBodyOnDeleteIsRetried() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("{\"data\":{}}")
                .setHeader("Content-Length", 100)
                .onResponseEnd(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(noContent());

        client().logical().delete("identity/entity/id/e-1");

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.sleeps).hasSize(1);
    }
}
