package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token auth: root token, child tokens, lookup, renew, revoke, expiry by the emulator clock. */
class TokenAuthTest {

    @RegisterExtension
    static final VaultEmulatorExtension VAULT = new VaultEmulatorExtension(VaultEmulator.builder()
            .rootToken("s3cr3t-root")
            .clock(EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"))));

    private VaultHttp http() {
        VaultEmulator vault = VAULT.emulator();
        vault.reset();
        return new VaultHttp(vault);
    }

    @Test
    void configuredRootTokenWorksAndHasNoExpiry() {
        VaultHttp http = http();

        JsonNode d = http.get("auth/token/lookup-self").data();

        assertThat(d.get("id").asText()).isEqualTo("s3cr3t-root");
        assertThat(d.get("policies").get(0).asText()).isEqualTo("root");
        assertThat(d.get("expire_time").isNull()).isTrue();
        assertThat(d.get("entity_id").asText()).isEmpty();
        assertThat(http.as("root").get("auth/token/lookup-self").status()).isEqualTo(403);
    }

    @Test
    void childTokenGetsDefaultPolicyAndTtl() {
        VaultHttp http = http();

        VaultHttp.Resp r = http.post("auth/token/create", body("policies", "reader", "ttl", "1h"));

        JsonNode auth = r.json().get("auth");
        assertThat(r.status()).isEqualTo(200);
        assertThat(auth.get("client_token").asText()).startsWith("hvs.");
        assertThat(auth.get("policies").toString()).isEqualTo("[\"default\",\"reader\"]");
        assertThat(auth.get("lease_duration").asLong()).isEqualTo(3600);
        assertThat(auth.get("renewable").asBoolean()).isTrue();
        assertThat(r.json().get("mount_type").asText()).isEqualTo("token");
        JsonNode self = http.as(auth.get("client_token").asText())
                .get("auth/token/lookup-self")
                .data();
        assertThat(self.get("ttl").asLong()).isEqualTo(3600);
        assertThat(self.get("orphan").asBoolean()).isFalse();
    }

    @Test
    void tokensExpireByTheEmulatorClock() {
        VaultHttp http = http();
        String token = http.post("auth/token/create", body("ttl", "10m", "policies", "p"))
                .json()
                .get("auth")
                .get("client_token")
                .asText();

        VAULT.emulator().clock().advance(Duration.ofMinutes(9));
        assertThat(http.as(token).get("auth/token/lookup-self").status()).isEqualTo(200);
        VAULT.emulator().clock().advance(Duration.ofMinutes(1));
        assertThat(http.as(token).get("auth/token/lookup-self").status()).isEqualTo(403);
    }

    @Test
    void renewSelfExtendsTheLease() {
        VaultHttp http = http();
        String token = http.post("auth/token/create", body("ttl", "10m", "policies", "p"))
                .json()
                .get("auth")
                .get("client_token")
                .asText();
        VAULT.emulator().clock().advance(Duration.ofMinutes(8));

        VaultHttp.Resp r = http.as(token).post("auth/token/renew-self", body("increment", "10m"));

        assertThat(r.json().get("auth").get("lease_duration").asLong()).isEqualTo(600);
        VAULT.emulator().clock().advance(Duration.ofMinutes(5));
        assertThat(http.as(token).get("auth/token/lookup-self").status()).isEqualTo(200);
    }

    @Test
    void nonRenewableTokenCannotRenew() {
        VaultHttp http = http();
        String token = http.post("auth/token/create", body("ttl", "10m", "policies", "p", "renewable", false))
                .json()
                .get("auth")
                .get("client_token")
                .asText();

        VaultHttp.Resp r = http.as(token).post("auth/token/renew-self", body());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors()).containsExactly("lease is not renewable");
    }

    @Test
    void revokeSelfRevokesTheTokenAndItsChildren() {
        VaultHttp http = http();
        // Creating a child token needs update on auth/token/create, as on a real server.
        VAULT.emulator().writePolicy("p", "path \"auth/token/create\" { capabilities = [\"update\"] }");
        String parent = http.post("auth/token/create", body("policies", "p"))
                .json()
                .get("auth")
                .get("client_token")
                .asText();
        String child = http.as(parent)
                .post("auth/token/create", body("policies", "p"))
                .json()
                .get("auth")
                .get("client_token")
                .asText();

        assertThat(http.as(parent).post("auth/token/revoke-self", body()).status())
                .isEqualTo(204);

        assertThat(http.as(parent).get("auth/token/lookup-self").status()).isEqualTo(403);
        assertThat(http.as(child).get("auth/token/lookup-self").status()).isEqualTo(403);
    }

    @Test
    void childInheritsTheParentsEntity() {
        VaultHttp http = http();
        String entityId = VAULT.emulator().createEntity("svc");
        VAULT.emulator().writePolicy("reader", "path \"auth/token/create\" { capabilities = [\"update\"] }");
        String token = VAULT.emulator().createToken(entityId, "reader");

        JsonNode auth = http.as(token)
                .post("auth/token/create", body("policies", "reader"))
                .json()
                .get("auth");

        assertThat(auth.get("entity_id").asText()).isEqualTo(entityId);
    }

    @Test
    void seededTokenCallsWhatItsPolicyAllowsUntilItExpires() {
        VaultHttp http = http();
        VAULT.emulator().writePolicy("entities", "path \"identity/entity\" { capabilities = [\"update\"] }");
        String token = VAULT.emulator().createToken(null, Duration.ofMinutes(5), "entities");
        String without = VAULT.emulator().createToken(null, Duration.ofMinutes(5), "nothing");

        assertThat(http.as(without).post("identity/entity", body("name", "z")).status())
                .isEqualTo(403);
        assertThat(http.as(token).post("identity/entity", body("name", "x")).status())
                .isEqualTo(200);
        VAULT.emulator().clock().advance(Duration.ofMinutes(5));
        assertThat(http.as(token).post("identity/entity", body("name", "y")).status())
                .isEqualTo(403);
    }
}
