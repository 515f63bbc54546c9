package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.VaultEmulator;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Vault down from the start: the app still starts, health is DOWN with the reason, requests fail closed. */
@SpringBootTest(
        classes = SecuredApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always",
            "vault.oidc.audiences=some-client-id",
            "vault.oidc.jwks.fetch-wait=1s"
        })
class HealthWhenVaultDownTest {

    /** The address of a Vault that has stopped: connections are refused. */
    static final String STOPPED_VAULT;

    static {
        VaultEmulator vault = VaultEmulator.builder().build().start();
        STOPPED_VAULT = vault.address();
        vault.close();
    }

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", () -> STOPPED_VAULT);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    TokenVerifier verifier;

    @Test
    void healthIsDownWithTheFetchErrorAndVaultUnreachable() throws Exception {
        assertThat(verifier.warmUp().get(10, TimeUnit.SECONDS)).isFalse();

        HttpResponse<String> r = new Http(port).get("/actuator/health", null);

        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode component = Http.json(r).at("/components/vaultOidc");
        assertThat(component.path("status").asText()).isEqualTo("DOWN");
        assertThat(component.at("/details/issuers/0/ready").asBoolean()).isFalse();
        assertThat(component.at("/details/issuers/0/lastError").asText()).isNotEmpty();
        assertThat(component.at("/details/vault/reachable").asBoolean()).isFalse();
    }

    @Test
    void requestsFailClosedAsAServerErrorNotAsABadToken() {
        // Well-formed and naming the configured issuer, so only the missing keys can decide.
        String issuer = STOPPED_VAULT + "/v1/identity/oidc";
        String token = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "."
                + b64("{\"iss\":\"" + issuer
                        + "\",\"sub\":\"e\",\"aud\":\"some-client-id\",\"iat\":1,\"exp\":4102444800}")
                + ".c2ln";

        HttpResponse<String> r = new Http(port).get("/me", token);

        // Not the token's fault: the outage filter answers 503 with Retry-After, never invalid_token.
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).doesNotContain("invalid_token");
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
