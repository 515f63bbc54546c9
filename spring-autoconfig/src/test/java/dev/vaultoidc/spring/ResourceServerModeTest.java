package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Spring Security resource-server mode: a real app on a random port, tokens minted by the server. Every test
 * runs against the emulator and against OpenBao, each with its own application context.
 */
class ResourceServerModeTest {

    private static final RunningApp.Apps APPS = new RunningApp.Apps(
            SecuredApp.class,
            vault -> Map.of(
                    "management.endpoints.web.exposure.include",
                    "health",
                    "management.endpoint.health.show-details",
                    "always",
                    "vault.oidc.address",
                    vault.address(),
                    "vault.oidc.audiences",
                    vault.webClientId,
                    "vault.oidc.auth.token",
                    vault.serviceToken,
                    "vault.oidc.id-token.role",
                    "web"));

    @AfterAll
    static void stopApps() {
        APPS.close();
    }

    @BothServers
    void groupMemberPassesRoleAndAuthorityRules(TestServer server) {
        RunningApp app = APPS.on(server);
        String token = app.vault.idToken("alice", "web");

        assertThat(app.http.get("/admin", token).statusCode()).isEqualTo(200);
        assertThat(app.http.get("/ops", token).statusCode()).isEqualTo(200);
    }

    @BothServers
    void authenticatedNonMemberIsForbidden(TestServer server) {
        RunningApp app = APPS.on(server);
        String token = app.vault.idToken("bob", "web");

        assertThat(app.http.get("/me", token).statusCode()).isEqualTo(200);
        assertThat(app.http.get("/admin", token).statusCode()).isEqualTo(403);
        assertThat(app.http.get("/ops", token).statusCode()).isEqualTo(403);
    }

    @BothServers
    void principalIsTheVaultEntityId(TestServer server) {
        RunningApp app = APPS.on(server);
        HttpResponse<String> me = app.http.get("/me", app.vault.idToken("alice", "web"));

        assertThat(me.body()).isEqualTo(app.vault.aliceId);
    }

    @BothServers
    void missingTokenIsChallenged(TestServer server) {
        HttpResponse<String> r = APPS.on(server).http.get("/me", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @BothServers
    void tokenOfAnotherRoleIsInvalidWithTheReason(TestServer server) {
        RunningApp app = APPS.on(server);
        HttpResponse<String> r = app.http.get("/me", app.vault.idToken("alice", "other"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("error=\"invalid_token\"").contains("WRONG_AUDIENCE"));
    }

    @BothServers
    void tamperedTokenIsInvalid(TestServer server) {
        RunningApp app = APPS.on(server);
        String token = app.vault.idToken("alice", "web");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        HttpResponse<String> r = app.http.get("/me", forged);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("error=\"invalid_token\"").doesNotContain(parts[2]));
    }

    @BothServers
    void identityAdminApiUsesTheConfiguredToken(TestServer server) {
        RunningApp app = APPS.on(server);
        assertThat(app.bean(IdentityOperations.class).entities().readByName("alice"))
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(app.vault.aliceId));
    }

    @BothServers
    void serviceCallsAPeerWithItsOwnSuppliedIdToken(TestServer server) {
        RunningApp app = APPS.on(server);
        IdTokenSupplier idTokens = app.bean(IdTokenSupplier.class);
        HttpResponse<String> me = app.http.get("/me", idTokens.get());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(app.vault.serviceId);
        assertThat(idTokens.get()).as("cached, not minted again").isEqualTo(idTokens.get());
    }

    @BothServers
    void decoderIsBackedByTheVerifier(TestServer server) {
        RunningApp app = APPS.on(server);
        JwtDecoder decoder = app.bean(JwtDecoder.class);
        assertThat(decoder).isInstanceOf(VaultOidcJwtDecoder.class);
        String token = app.vault.idToken("alice", "web");

        var jwt = decoder.decode(token);

        assertThat(jwt.getSubject()).isEqualTo(app.vault.aliceId);
        assertThat(jwt.getAudience()).containsExactly(app.vault.webClientId);
        assertThat(jwt.getClaimAsStringList("groups")).containsExactly("payments-admins");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
    }

    @BothServers
    void verificationsAreCountedByOutcomeAndCache(TestServer server) {
        RunningApp app = APPS.on(server);
        MeterRegistry meters = app.bean(MeterRegistry.class);
        String token = app.vault.idToken("alice", "web");
        app.http.get("/me", token);
        app.http.get("/me", token);
        app.http.get("/me", app.vault.idToken("alice", "other"));

        assertThat(meters.get("vault.oidc.verifications")
                        .tag("outcome", "accepted")
                        .tag("cache", "hit")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("vault.oidc.verifications")
                        .tag("outcome", "rejected")
                        .tag("reason", "WRONG_AUDIENCE")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("vault.oidc.jwks.fetches")
                        .tag("result", "success")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @BothServers
    void theServicesOwnIdTokenFetchesAreCounted(TestServer server) {
        RunningApp app = APPS.on(server);
        app.bean(IdTokenSupplier.class).get();

        assertThat(app.bean(MeterRegistry.class)
                        .get("vault.oidc.id-token.fetches")
                        .tag("role", "web")
                        .tag("result", "success")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @BothServers
    void healthShowsTheIssuersKeys(TestServer server) {
        RunningApp app = APPS.on(server);
        app.http.get("/me", app.vault.idToken("alice", "web"));

        HttpResponse<String> r = app.http.get("/actuator/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode component = Http.json(r).at("/components/vaultOidc");
        assertThat(component.path("status").asText()).isEqualTo("UP");
        JsonNode issuer = component.at("/details/issuers/0");
        assertThat(issuer.path("issuer").asText()).isEqualTo(server.address() + "/v1/identity/oidc");
        assertThat(issuer.path("ready").asBoolean()).isTrue();
        assertThat(issuer.path("keyCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(issuer.has("keyAgeSeconds")).isTrue();
        assertThat(component.at("/details/vault/reachable").asBoolean()).isTrue();
    }

    @BothServers
    void vaultOutageKeepsCachedKeysInUseAndShowsInHealth(TestServer server) throws Exception {
        // Emulator only: an outage is made with its fault injection; a real server cannot be told to answer 503.
        Assumptions.assumeTrue(server.isEmulator(), "needs the emulator's fault injection");
        RunningApp app = APPS.on(server);
        TokenVerifier verifier = app.bean(TokenVerifier.class);
        String token = app.vault.idToken("alice", "web");
        assertThat(app.http.get("/me", token).statusCode()).isEqualTo(200);
        try {
            server.emulator().faults().status("identity/oidc/**", 503).status("sys/health", 503);
            // Completes once the fetch has failed; true still, because the cached keys stay usable.
            verifier.refreshKeys().get(10, TimeUnit.SECONDS);

            HttpResponse<String> health = app.http.get("/actuator/health", null);
            JsonNode component = Http.json(health).at("/components/vaultOidc");
            assertThat(component.path("status").asText()).isEqualTo("UP");
            assertThat(component.at("/details/issuers/0/lastError").asText()).isNotEmpty();
            assertThat(component.at("/details/vault/sealed").asBoolean()).isTrue();
            assertThat(app.http.get("/me", token).statusCode()).isEqualTo(200);
        } finally {
            server.emulator().faults().clear();
            verifier.refreshKeys().get(10, TimeUnit.SECONDS);
        }
    }
}
