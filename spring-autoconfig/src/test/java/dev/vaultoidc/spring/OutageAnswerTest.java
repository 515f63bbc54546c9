package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Servlet resource server (the docs' own chain: {@code anyRequest().authenticated()}), Vault's keys unavailable
 * from a cold start: a valid token gets 503 with Retry-After and {@code error="temporarily_unavailable"}, not a 401
 * that clients cannot tell from "no token"; one WARN for the episode, no error log per request; then recovery.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        classes = SecuredApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vault.oidc.jwks.fetch-wait=1s", "vault.oidc.retry-after=7s"})
class OutageAnswerTest {
    static final VaultFixture VAULT = VaultFixture.start();
    /** Minted before the outage: a token that is good, only its keys cannot be fetched. */
    static final String ALICE = VAULT.idToken("alice");

    static {
        VAULT.keysDown();
    }

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", VAULT::address);
        registry.add("vault.oidc.audiences", () -> VAULT.clientId);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    TokenVerifier verifier;

    @Test
    void validTokenDuringAColdOutageGets503WithRetryAfterThenRecovers(CapturedOutput output) throws Exception {
        Http http = new Http(port);

        HttpResponse<String> first = http.get("/me", ALICE);
        HttpResponse<String> second = http.get("/me", ALICE);

        for (HttpResponse<String> r : java.util.List.of(first, second)) {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v)
                            .startsWith("Bearer")
                            .contains("error=\"temporarily_unavailable\"")
                            .doesNotContain("invalid_token"));
            JsonNode body = Http.json(r);
            assertThat(body.path("error").asText()).isEqualTo("temporarily_unavailable");
        }
        assertThat(output.getOut()).doesNotContain(ALICE);
        assertThat(countOf(output.getOut(), "Answering 503"))
                .as("one WARN per outage episode")
                .isEqualTo(1);
        assertThat(output.getOut()).doesNotContain(" ERROR ");

        VAULT.keysUp();
        assertThat(verifier.refreshKeys().get(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> after = http.get("/me", ALICE);

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(VAULT.aliceId);
    }

    @Test
    void missingTokenIsStillAPlainChallenge() {
        HttpResponse<String> r = new Http(port).get("/me", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }

    private static int countOf(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
