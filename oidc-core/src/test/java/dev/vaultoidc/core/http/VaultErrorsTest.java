package dev.vaultoidc.core.http;

import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Vault error status and transport fault surfaces as a typed {@link VaultException}. */
class VaultErrorsTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    private VaultClient client() {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("s.static-token"))
                .readTimeout(Duration.ofMillis(300))
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    private static VaultException thrown(ThrowingCallable call) {
        return (VaultException) org.assertj.core.api.Assertions.catchThrowableOfType(VaultException.class, call);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "400, INVALID_REQUEST",
        "403, PERMISSION_DENIED",
        "404, NOT_FOUND",
        "405, UNSUPPORTED_OPERATION",
        "412, UNEXPECTED_STATUS",
        "413, UNEXPECTED_STATUS",
        "429, RATE_LIMITED",
        "500, SERVER_ERROR",
        "502, SERVER_ERROR",
        "503, UNAVAILABLE",
        "504, SERVER_ERROR",
    })
    void errorStatusMapsToReason(int status, VaultErrorReason reason) {
        server.enqueue(errors(status, "1 error occurred:\n\t* something\n\n"));

        VaultException e = thrown(() -> client().logical().read("identity/entity/id/x"));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errors()).containsExactly("1 error occurred:\n\t* something\n\n");
        assertThat(e.getMessage()).contains("something").doesNotContain("\n");
    }

    @Test
    void sealedVaultIsUnavailable() {
        server.enqueue(errors(503, "Vault is sealed"));

        VaultException e = thrown(() -> client().logical().write("identity/entity", null));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.UNAVAILABLE);
        assertThat(e.errors()).containsExactly("Vault is sealed");
        assertThat(e.method()).isEqualTo("POST");
    }

    @Test
    void htmlErrorPageFromAProxyKeepsTheStatusReason() {
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html>Bad Gateway</html>")
                .build());

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.SERVER_ERROR);
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void redirectIsNotFollowed() {
        // Following it would send X-Vault-Token to whatever host the Location names.
        server.enqueue(new MockResponse.Builder()
                .code(307)
                .setHeader("Location", "http://elsewhere.invalid/v1/a")
                .build());

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.UNEXPECTED_STATUS);
        assertThat(e.status()).isEqualTo(307);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void garbageJsonIsMalformed() {
        server.enqueue(json(200, "{\"data\": {\"id\": nope"));

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).doesNotContain("nope");
    }

    @Test
    void nonJsonBodyIsMalformed() {
        server.enqueue(new MockResponse.Builder().code(200).body("hello").build());

        assertThat(thrown(() -> client().logical().readRaw("identity/oidc/.well-known/keys"))
                        .reason())
                .isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
    }

    @Test
    void envelopeOfTheWrongShapeIsMalformed() {
        server.enqueue(json(200, "[1,2,3]"));
        server.enqueue(json(200, "{\"warnings\":{\"not\":\"a list\"}}"));
        server.enqueue(json(200, ""));

        assertThat(thrown(() -> client().logical().read("a")).reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
        assertThat(thrown(() -> client().logical().read("a")).reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
        assertThat(thrown(() -> client().logical().list("a")).reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
    }

    @Test
    void truncatedBodyIsMalformed() {
        // Content-Length promises more than arrives, then the connection closes.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"data\":{\"id\":\"e-1\"}}")
                .setHeader("Content-Length", 500)
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
        assertThat(e.status()).isEqualTo(200);
    }

    @Test
    void slowBodyHitsTheReadTimeout() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"data\":{}}")
                .bodyDelay(5, TimeUnit.SECONDS)
                .build());

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.TIMEOUT);
        assertThat(e.path()).isEqualTo("a");
    }

    @Test
    void slowHeadersHitTheReadTimeout() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body("{}")
                .headersDelay(5, TimeUnit.SECONDS)
                .build());

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.TIMEOUT);
        assertThat(e.status()).isZero();
    }

    @Test
    void droppedConnectionIsConnectionFailure() {
        for (int i = 0; i < 3; i++) { // OkHttp may itself retry a fresh connection once; make every one fail
            server.enqueue(new MockResponse.Builder()
                    .onRequestStart(new SocketEffect.CloseSocket())
                    .build());
        }

        VaultException e = thrown(() -> client().logical().read("a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.CONNECTION_FAILURE);
        assertThat(e.status()).isZero();
        assertThat(e.getCause()).isNotNull();
    }

    /** What a domain layer (e.g. entity merge) does with an error-with-data body. */
    static final class MergeConflictException extends VaultException {
        MergeConflictException(VaultException e) {
            super(e);
        }
    }

    @Test
    void subclassesCanWrapAnExceptionKeepingEveryField() {
        server.enqueue(json(400, "{\"errors\":[\"alias conflict\"],\"data\":{\"conflicting_aliases\":[\"a\"]}}"));
        VaultException original = thrown(() -> client().logical().write("identity/entity/merge", null));

        MergeConflictException wrapped = new MergeConflictException(original);

        assertThat(wrapped.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
        assertThat(wrapped.status()).isEqualTo(400);
        assertThat(wrapped.errors()).containsExactly("alias conflict");
        assertThat(wrapped.method()).isEqualTo("POST");
        assertThat(wrapped.path()).isEqualTo("identity/entity/merge");
        assertThat(wrapped.data().get("conflicting_aliases").get(0).asText()).isEqualTo("a");
        assertThat(wrapped.getCause()).isSameAs(original);
    }

    @Test
    void refusedConnectionIsConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        VaultClient client = VaultClient.builder()
                .address("http://127.0.0.1:" + closedPort)
                .auth(VaultAuth.token("t"))
                .retryPolicy(RetryPolicy.none())
                .build();

        assertThatThrownBy(() -> client.logical().list("identity/entity/id"))
                .asInstanceOf(type(VaultException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.CONNECTION_FAILURE);
                    assertThat(e.method()).isEqualTo("LIST");
                });
    }
}
