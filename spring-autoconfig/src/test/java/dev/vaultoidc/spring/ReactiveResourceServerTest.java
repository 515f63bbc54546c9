package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A WebFlux resource server on Netty with Reactor's BlockHound installed: any blocking call on an event-loop or
 * parallel thread (socket or file I/O, sleep, park, wait) raises an error, which would turn these answers into 500s.
 * Runs on Boot 3.5 here and on Boot 4 in spring-autoconfig-boot4-test.
 */
@SpringBootTest(
        classes = ReactiveApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=reactive",
            "management.endpoints.web.exposure.include=health",
            "management.endpoint.health.show-details=always",
            "vault.oidc.id-token.role=web",
            "vault.oidc.id-token.hosts=localhost"
        })
class ReactiveResourceServerTest {
    static final VaultFixture VAULT = VaultFixture.start();

    static {
        BlockHound.install();
    }

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", VAULT::address);
        registry.add("vault.oidc.audiences", () -> VAULT.clientId);
        registry.add("vault.oidc.auth.token", () -> VAULT.serviceToken);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    ReactiveJwtDecoder decoder;

    @Autowired
    TokenVerifier verifier;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void blockHoundIsWatchingTheReactorThreads() {
        Mono<Void> sleeps = Mono.<Void>fromRunnable(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> sleeps.block(Duration.ofSeconds(5))).hasMessageContaining("Blocking call");
    }

    @Test
    void validTokenIsAcceptedOnFirstAndCachedUse() {
        String token = VAULT.idToken("alice");

        // First use of this kid: verified off-loop; then from memory, on the event loop.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = http.get("/me", token);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(VAULT.aliceId);
        }
        assertThat(http.get("/me", VAULT.idToken("alice")).statusCode())
                .as("a new token, known kid")
                .isEqualTo(200);
    }

    @Test
    void decoderIsTheVaultOneAndAFreshKeySetStillVerifies() throws Exception {
        assertThat(decoder).isInstanceOf(VaultOidcReactiveJwtDecoder.class);
        String token = VAULT.idToken("alice");
        assertThat(http.get("/me", token).statusCode()).isEqualTo(200);

        assertThat(verifier.refreshKeys().get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(http.get("/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void groupRulesApply() {
        assertThat(http.get("/admin", VAULT.idToken("alice")).statusCode()).isEqualTo(200);
        assertThat(http.get("/admin", VAULT.idToken("bob")).statusCode()).isEqualTo(403);
    }

    @Test
    void entityInNoGroupHasNoGroupsClaimRatherThanANull() {
        HttpResponse<String> bob = http.get("/groups", VAULT.idToken("bob"));
        HttpResponse<String> alice = http.get("/groups", VAULT.idToken("alice"));

        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(bob.body()).isEqualTo("absent");
        assertThat(alice.body()).isEqualTo("[payments-admins]");
    }

    @Test
    void badAndMissingTokensAreChallenged() {
        HttpResponse<String> none = http.get("/me", null);
        HttpResponse<String> wrong = http.get("/me", VAULT.idToken("alice") + "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void webClientSendsTheServicesIdTokenToListedHostsOnly() {
        String caller = VAULT.idToken("alice");

        HttpResponse<String> listed = http.get("/call?host=localhost", caller);
        HttpResponse<String> unlisted = http.get("/call?host=127.0.0.1", caller);

        assertThat(listed.body()).isEqualTo("200 " + VAULT.serviceId);
        assertThat(unlisted.body()).startsWith("401");
    }

    @Test
    void reactiveHealthShowsTheIssuer() {
        HttpResponse<String> r = http.get("/actuator/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode component = Http.json(r).at("/components/vaultOidc");
        assertThat(component.path("status").asText()).isEqualTo("UP");
        assertThat(component.at("/details/vault/reachable").asBoolean()).isTrue();
    }
}
