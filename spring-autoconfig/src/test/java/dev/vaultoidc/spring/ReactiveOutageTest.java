package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.blockhound.BlockHound;

/**
 * WebFlux resource server, Vault's keys unavailable from a cold start: a valid token gets 503 with Retry-After
 * and {@code error="temporarily_unavailable"} (not Spring's 500), without blocking the event loop; then recovery.
 */
@SpringBootTest(
        classes = ReactiveApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "vault.oidc.jwks.fetch-wait=1s"})
class ReactiveOutageTest {
    static final VaultFixture VAULT = VaultFixture.start();
    static final String ALICE = VAULT.idToken("alice");

    static {
        BlockHound.install();
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
    void validTokenDuringAColdOutageGets503ThenRecovers() throws Exception {
        Http http = new Http(port);

        HttpResponse<String> r = http.get("/me", ALICE);

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"temporarily_unavailable\""));
        assertThat(Http.json(r).path("error").asText()).isEqualTo("temporarily_unavailable");

        VAULT.keysUp();
        assertThat(verifier.refreshKeys().get(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> after = http.get("/me", ALICE);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(VAULT.aliceId);
    }
}
