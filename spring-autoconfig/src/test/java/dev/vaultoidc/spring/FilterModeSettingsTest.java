package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Plain servlet-filter mode exposes every filter setting as a property: required roles, JSON error bodies, an
 * extra token header. Runs in the filter-mode surefire execution (Spring Security off the classpath).
 */
@EnabledIfSystemProperty(named = "vault-oidc.filter-mode", matches = "true")
@SpringBootTest(
        classes = FilterApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vault.oidc.filter.required-roles=payments-admins",
            "vault.oidc.filter.json-errors=true",
            "vault.oidc.filter.header-name=X-Id-Token",
            "vault.oidc.retry-after=9s"
        })
class FilterModeSettingsTest {
    static final VaultFixture VAULT = VaultFixture.start();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", VAULT::address);
        registry.add("vault.oidc.audiences", () -> VAULT.clientId);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void tokenInTheConfiguredHeaderIsAccepted() throws Exception {
        HttpResponse<String> r = get("X-Id-Token", VAULT.idToken("alice"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(VAULT.aliceId + " admin=true");
    }

    @Test
    void missingRequiredRoleIsForbiddenWithAJsonBody() throws Exception {
        HttpResponse<String> r = get("Authorization", "Bearer " + VAULT.idToken("bob"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.json(r).path("error").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void missingTokenGetsAJsonBodyToo() throws Exception {
        HttpResponse<String> r = get(null, null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    private HttpResponse<String> get(String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello"));
        if (header != null) {
            b.header(header, value);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
