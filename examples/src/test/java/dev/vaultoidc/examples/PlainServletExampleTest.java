package dev.vaultoidc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The example against the emulator and against OpenBao: the same code, a real server's answers. */
class PlainServletExampleTest {

    @BothServers
    void acceptsTheRightAudienceAndRejectsAnotherWithItsReason(TestServer server) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = PlainServletExample.run(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), server.address(), server.rootToken());
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).as(out).isZero();
        assertThat(out)
                .containsSubsequence(
                        "\"sub\" : ",
                        "GET /orders with the \"orders\" token -> HTTP 200, body: orders for entity ",
                        "GET /orders with the \"billing\" token -> HTTP 401, WWW-Authenticate: Bearer realm=\"orders\", "
                                + "error=\"invalid_token\", error_description=\"The token audience is not accepted\"",
                        "Done:");
        // Only decoded claims are printed, never a compact token (three base64url parts).
        assertThat(out).doesNotContainPattern("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }
}
