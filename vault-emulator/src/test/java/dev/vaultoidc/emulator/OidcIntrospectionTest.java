package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.data;
import static dev.vaultoidc.emulator.OidcTestFixtures.getAs;
import static dev.vaultoidc.emulator.OidcTestFixtures.json;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** POST identity/oidc/introspect, spec §7.7. */
class OidcIntrospectionTest {

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    final FakeIdentity identity = new FakeIdentity().put(new EntitySnapshot("ent-1", "alice", false, null, null, null));
    final Oidc engine = new Oidc(clock, identity, () -> API);
    String clientId;

    String mint() {
        engine.handle(post("identity/oidc/key/k", body("allowed_client_ids", "*", "algorithm", "ES256")));
        engine.handle(post("identity/oidc/role/r", body("key", "k", "ttl", "1h", "client_id", "app-1")));
        clientId = "app-1";
        return (String)
                data(engine.handle(getAs("ent-1", "identity/oidc/token/r"))).get("token");
    }

    String introspect(Object... kv) {
        EmulatorResponse resp = engine.handle(post("identity/oidc/introspect", body(kv)));
        assertThat(resp.kind()).isEqualTo(EmulatorResponse.Kind.RAW);
        assertThat(resp.status()).isEqualTo(200);
        return json(resp.data());
    }

    @Test
    void freshTokenIsActiveWithAndWithoutClientId() {
        String token = mint();
        assertThat(introspect("token", token)).isEqualTo("{\"active\":true}");
        assertThat(introspect("token", token, "client_id", clientId)).isEqualTo("{\"active\":true}");
    }

    @Test
    void wrongAudienceIsInactive() {
        assertThat(introspect("token", mint(), "client_id", "someone-else"))
                .isEqualTo(
                        "{\"active\":false,\"error\":\"error validating claims: go-jose/go-jose/jwt: validation failed, invalid audience claim (aud)\"}");
    }

    @Test
    void expiredTokenIsInactiveOnlyAfterTheOneMinuteLeeway() {
        String token = mint();
        clock.advance(Duration.ofHours(1).plusSeconds(60));
        assertThat(introspect("token", token)).isEqualTo("{\"active\":true}");
        clock.advance(Duration.ofSeconds(1));
        assertThat(introspect("token", token))
                .isEqualTo(
                        "{\"active\":false,\"error\":\"error validating claims: go-jose/go-jose/jwt: validation failed, token is expired (exp)\"}");
    }

    @Test
    void issuerChangedSinceMintingIsInactive() {
        String token = mint();
        engine.handle(post("identity/oidc/config", body("issuer", "https://other.example")));
        assertThat(introspect("token", token)).contains("invalid issuer claim (iss)");
    }

    @Test
    void disabledOrMissingEntityIsInactive() {
        String token = mint();
        identity.put(new EntitySnapshot("ent-1", "alice", true, null, null, null));
        assertThat(introspect("token", token)).isEqualTo("{\"active\":false,\"error\":\"entity is disabled\"}");
        identity.entities.clear();
        assertThat(introspect("token", token)).isEqualTo("{\"active\":false,\"error\":\"entity was not found\"}");
    }

    @Test
    void tamperedPayloadFailsTheSignatureCheck() {
        String[] parts = mint().split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("ent-1", "ent-2");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertThat(introspect("token", forged))
                .isEqualTo("{\"active\":false,\"error\":\"unable to validate the token signature\"}");
    }

    @Test
    void tokenOfAnotherEngineOrOfAnUnpublishedKeyFailsTheSignatureCheck() {
        Oidc other = new Oidc(clock, identity, () -> API);
        other.handle(post("identity/oidc/key/k", body("allowed_client_ids", "*", "algorithm", "ES256")));
        other.handle(post("identity/oidc/role/r", body("key", "k")));
        String foreign = (String)
                data(other.handle(getAs("ent-1", "identity/oidc/token/r"))).get("token");
        String own = mint();
        assertThat(introspect("token", foreign)).contains("unable to validate the token signature");

        engine.handle(OidcTestFixtures.delete("identity/oidc/role/r"));
        assertThat(introspect("token", own)).contains("unable to validate the token signature");
    }

    @Test
    void garbageIsAParseError() {
        String threeParts =
                "{\"active\":false,\"error\":\"error parsing token: go-jose/go-jose: compact JWS format must have three parts\"}";
        assertThat(introspect("token", "")).isEqualTo(threeParts);
        assertThat(introspect()).isEqualTo(threeParts);
        assertThat(introspect("token", "not-a-jwt")).isEqualTo(threeParts);
        assertThat(introspect("token", "a.b")).isEqualTo(threeParts);
        assertThat(introspect("token", "a!.b.c")).contains("error parsing token: illegal base64 data at input byte 1");
        assertThat(introspect("token", "bm90IGpzb24.e30.AA"))
                .contains("error parsing token: invalid character 'o' in literal null (expecting 'u')");
    }

    @Test
    void unsignedOrHmacTokensNeverValidate() {
        mint();
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"sub\":\"ent-1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(introspect("token", header + "." + payload + "."))
                .contains("unable to validate the token signature");
    }

    @Test
    void introspectOnlyAcceptsPost() {
        assertThat(engine.handle(OidcTestFixtures.get("identity/oidc/introspect"))
                        .status())
                .isEqualTo(405);
    }
}
