package dev.vaultoidc.spring;

import static dev.vaultoidc.spring.EmulatedVault.ALICE_ID;
import static dev.vaultoidc.spring.EmulatedVault.BOB_ID;
import static dev.vaultoidc.spring.EmulatedVault.VAULT;
import static dev.vaultoidc.spring.EmulatedVault.idToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.verify.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring Security resource-server mode: a real app on a random port, tokens minted by the emulated Vault. */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health",
                "management.endpoint.health.show-details=always"})
class ResourceServerModeTest {

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", EmulatedVault::address);
        registry.add("vault.oidc.audiences", () -> EmulatedVault.WEB_CLIENT_ID);
        registry.add("vault.oidc.auth.token", () -> EmulatedVault.SERVICE_TOKEN);
        registry.add("vault.oidc.id-token.role", () -> "web");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    TokenVerifier verifier;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    MeterRegistry meters;

    @Autowired
    IdentityOperations identity;

    @Autowired
    IdTokenSupplier idTokens;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void groupMemberPassesRoleAndAuthorityRules() {
        String token = idToken(ALICE_ID, "web");

        assertThat(http.get("/admin", token).statusCode()).isEqualTo(200);
        assertThat(http.get("/ops", token).statusCode()).isEqualTo(200);
    }

    @Test
    void authenticatedNonMemberIsForbidden() {
        String token = idToken(BOB_ID, "web");

        assertThat(http.get("/me", token).statusCode()).isEqualTo(200);
        assertThat(http.get("/admin", token).statusCode()).isEqualTo(403);
        assertThat(http.get("/ops", token).statusCode()).isEqualTo(403);
    }

    @Test
    void principalIsTheVaultEntityId() {
        HttpResponse<String> me = http.get("/me", idToken(ALICE_ID, "web"));

        assertThat(me.body()).isEqualTo(ALICE_ID);
    }

    @Test
    void missingTokenIsChallenged() {
        HttpResponse<String> r = http.get("/me", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void tokenOfAnotherRoleIsInvalidWithTheReason() {
        HttpResponse<String> r = http.get("/me", idToken(ALICE_ID, "other"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"invalid_token\"").contains("WRONG_AUDIENCE"));
    }

    @Test
    void tamperedTokenIsInvalid() {
        String token = idToken(ALICE_ID, "web");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        HttpResponse<String> r = http.get("/me", forged);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"invalid_token\"").doesNotContain(parts[2]));
    }

    @Test
    void identityAdminApiUsesTheConfiguredToken() {
        assertThat(identity.entities().readByName("alice")).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ALICE_ID));
    }

    @Test
    void serviceCallsAPeerWithItsOwnSuppliedIdToken() {
        HttpResponse<String> me = http.get("/me", idTokens.get());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(EmulatedVault.SERVICE_ID);
        assertThat(idTokens.get()).as("cached, not minted again").isEqualTo(idTokens.get());
    }

    @Test
    void decoderIsBackedByTheVerifier() {
        assertThat(decoder).isInstanceOf(VaultOidcJwtDecoder.class);
        String token = idToken(ALICE_ID, "web");

        var jwt = decoder.decode(token);

        assertThat(jwt.getSubject()).isEqualTo(ALICE_ID);
        assertThat(jwt.getAudience()).containsExactly(EmulatedVault.WEB_CLIENT_ID);
        assertThat(jwt.getClaimAsStringList("groups")).containsExactly("payments-admins");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
    }

    @Test
    void verificationsAreCountedByOutcomeAndCache() {
        String token = idToken(ALICE_ID, "web");
        http.get("/me", token);
        http.get("/me", token);
        http.get("/me", idToken(ALICE_ID, "other"));

        assertThat(meters.get("vault.oidc.verifications").tag("outcome", "accepted").tag("cache", "hit")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("vault.oidc.verifications").tag("outcome", "rejected").tag("reason", "WRONG_AUDIENCE")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("vault.oidc.jwks.fetches").tag("result", "success").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theServicesOwnIdTokenFetchesAreCounted() {
        idTokens.get();

        assertThat(meters.get("vault.oidc.id-token.fetches").tag("role", "web").tag("result", "success")
                .counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void healthShowsTheIssuersKeys() {
        http.get("/me", idToken(ALICE_ID, "web"));

        HttpResponse<String> r = http.get("/actuator/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode component = Http.json(r).at("/components/vaultOidc");
        assertThat(component.path("status").asText()).isEqualTo("UP");
        JsonNode issuer = component.at("/details/issuers/0");
        assertThat(issuer.path("issuer").asText()).isEqualTo(EmulatedVault.address() + "/v1/identity/oidc");
        assertThat(issuer.path("ready").asBoolean()).isTrue();
        assertThat(issuer.path("keyCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(issuer.has("keyAgeSeconds")).isTrue();
        assertThat(component.at("/details/vault/reachable").asBoolean()).isTrue();
    }

    @Test
    void vaultOutageKeepsCachedKeysInUseAndShowsInHealth() throws Exception {
        String token = idToken(ALICE_ID, "web");
        assertThat(http.get("/me", token).statusCode()).isEqualTo(200);
        try {
            VAULT.faults().status("identity/oidc/**", 503).status("sys/health", 503);
            // Completes once the fetch has failed; true still, because the cached keys stay usable.
            verifier.refreshKeys().get(10, TimeUnit.SECONDS);

            HttpResponse<String> health = http.get("/actuator/health", null);
            JsonNode component = Http.json(health).at("/components/vaultOidc");
            assertThat(component.path("status").asText()).isEqualTo("UP");
            assertThat(component.at("/details/issuers/0/lastError").asText()).isNotEmpty();
            assertThat(component.at("/details/vault/sealed").asBoolean()).isTrue();
            assertThat(http.get("/me", token).statusCode()).isEqualTo(200);
        } finally {
            VAULT.faults().clear();
            verifier.refreshKeys().get(10, TimeUnit.SECONDS);
        }
    }
}
