package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.ISSUER;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.data;
import static dev.vaultoidc.emulator.OidcTestFixtures.get;
import static dev.vaultoidc.emulator.OidcTestFixtures.getAs;
import static dev.vaultoidc.emulator.OidcTestFixtures.jwks;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static dev.vaultoidc.emulator.OidcTestFixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import dev.vaultoidc.emulator.IdentityView.GroupSnapshot;
import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OidcTokenTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final EmulatorClock clock = EmulatorClock.fixed(T0);
    final FakeIdentity identity = new FakeIdentity()
            .put(new EntitySnapshot(
                    "ent-1",
                    "alice",
                    false,
                    Map.of("team", "blue"),
                    null,
                    List.of(new GroupSnapshot("g-1", "devs", Map.of()))));
    final Oidc engine = new Oidc(clock, identity, () -> API);

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA"})
    void tokenVerifiesAgainstTheJwksWithPlainNimbusAndCarriesExactlyTheSpecClaims(String alg) throws Exception {
        assertThat(engine.handle(post("identity/oidc/key/k", body("algorithm", alg, "allowed_client_ids", "*")))
                        .status())
                .isEqualTo(204);
        assertThat(engine.handle(
                                post(
                                        "identity/oidc/role/r",
                                        body(
                                                "key",
                                                "k",
                                                "ttl",
                                                "1h",
                                                "template",
                                                "{\"team\":{{identity.entity.metadata.team}},\"groups\":{{identity.entity.groups.names}}}")))
                        .status())
                .isEqualTo(204);
        String clientId =
                (String) data(engine.handle(get("identity/oidc/role/r"))).get("client_id");

        EmulatorResponse resp = engine.handle(getAs("ent-1", "identity/oidc/token/r"));

        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.warnings()).isEmpty();
        assertThat(data(resp))
                .containsOnlyKeys("token", "client_id", "ttl")
                .containsEntry("client_id", clientId)
                .containsEntry("ttl", 3600L);
        SignedJWT jwt = SignedJWT.parse((String) data(resp).get("token"));
        JWK jwk = jwks(engine).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwk).isNotNull();
        assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(jwk.getAlgorithm().getName()).isEqualTo(alg);
        assertThat(jwt.verify(verifierFor(jwk))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(alg);
        assertThat(jwt.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid");

        long iat = T0.getEpochSecond();
        String expectedPayload = "{\"aud\":\"" + clientId + "\",\"exp\":" + (iat + 3600)
                + ",\"groups\":[\"devs\"],\"iat\":" + iat + ",\"iss\":\"" + ISSUER
                + "\",\"namespace\":\"root\",\"sub\":\"ent-1\",\"team\":\"blue\"}";
        assertThat(new String(jwt.getPayload().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo(expectedPayload);
        assertThat(new String(jwt.getHeader().toBase64URL().decode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"" + alg + "\",\"kid\":\"" + jwk.getKeyID() + "\"}");
    }

    @Test
    void roleTtlIsCappedByTheKeysVerificationTtlWithVaultsNanosecondWarning() throws Exception {
        engine.handle(post("identity/oidc/key/k", body("allowed_client_ids", "*", "algorithm", "ES256")));
        engine.handle(post("identity/oidc/role/r", body("key", "k", "ttl", "2h")));
        // Not reachable through the API (key and role writes both check), but a key stored by an
        // older Vault can have it; Vault then caps the token and warns.
        engine.namedKey("k").verificationTtlSeconds = 3600;

        EmulatorResponse resp = engine.handle(getAs("ent-1", "identity/oidc/token/r"));

        assertThat(resp.warnings())
                .containsExactly("a role's token ttl cannot be longer than the "
                        + "verification_ttl of the key it references, setting token ttl to 3600000000000");
        assertThat(data(resp)).containsEntry("ttl", 7200L);
        SignedJWT jwt = SignedJWT.parse((String) data(resp).get("token"));
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void templateClaimsAreMergedButNestedMapsAreSortedLikeGo() throws Exception {
        engine.handle(post("identity/oidc/key/k", body("allowed_client_ids", "*", "algorithm", "ES256")));
        engine.handle(post(
                "identity/oidc/role/r",
                body(
                        "key",
                        "k",
                        "template",
                        "{\"name\":{{identity.entity.name}},\"nested\":{\"z\":1,\"a\":[true,null,2.5]} }",
                        "ttl",
                        "1h")));
        SignedJWT jwt = SignedJWT.parse((String)
                data(engine.handle(getAs("ent-1", "identity/oidc/token/r"))).get("token"));
        assertThat(new String(jwt.getPayload().toBytes(), StandardCharsets.UTF_8))
                .contains("\"name\":\"alice\",\"namespace\":\"root\",\"nested\":{\"a\":[true,null,2.5],\"z\":1}");
    }

    @Test
    void missingRoleIsRejected() {
        assertThat(engine.handle(getAs("ent-1", "identity/oidc/token/nope")).errors())
                .containsExactly("role \"nope\" not found");
    }

    @Test
    void keyThatDoesNotAllowTheRolesClientIdIsRejected() {
        engine.handle(post("identity/oidc/key/k", body("algorithm", "ES256")));
        engine.handle(post("identity/oidc/role/r", body("key", "k")));
        EmulatorResponse resp = engine.handle(getAs("ent-1", "identity/oidc/token/r"));
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.errors())
                .containsExactly("the key \"k\" does not list the client ID of the role \"r\" as an allowed client ID");

        String clientId =
                (String) data(engine.handle(get("identity/oidc/role/r"))).get("client_id");
        engine.handle(post("identity/oidc/key/k", body("allowed_client_ids", List.of("other", clientId))));
        assertThat(engine.handle(getAs("ent-1", "identity/oidc/token/r")).status())
                .isEqualTo(200);
    }

    @Test
    void rootTokenAndMissingTokenHaveNoEntity() {
        engine.handle(post("identity/oidc/role/r", body("key", "default")));
        assertThat(engine.handle(get("identity/oidc/token/r")).errors())
                .containsExactly("no entity associated with the request's token");
        EmulatorRequest anonymous = new EmulatorRequest("GET", "identity/oidc/token/r", null, null, Optional.empty());
        assertThat(engine.handle(anonymous).status()).isEqualTo(400);
    }

    @Test
    void entityMissingFromTheStoreIsAServerError() {
        engine.handle(post("identity/oidc/role/r", body("key", "default")));
        EmulatorResponse resp = engine.handle(getAs("ghost", "identity/oidc/token/r"));
        assertThat(resp.status()).isEqualTo(500);
        // Vault's handler text, a plain error and so multierror-wrapped like every core error.
        assertThat(resp.errors()).containsExactly("1 error occurred:\n\t* error loading entity ID \"ghost\"\n\n");
    }

    @Test
    void keyWithoutSigningMaterialIsA500AndRotatingFixesIt() {
        engine.handle(post("identity/oidc/key/k", body("allowed_client_ids", "*", "algorithm", "ES256")));
        engine.handle(post("identity/oidc/role/r", body("key", "k")));
        // Keys stored before Vault 1.9 can lack material; not reachable through the API.
        engine.namedKey("k").signingKey = null;
        EmulatorResponse resp = engine.handle(getAs("ent-1", "identity/oidc/token/r"));
        assertThat(resp.status()).isEqualTo(500);
        assertThat(resp.errors())
                .containsExactly("error signing OIDC token: signing key is nil; rotate the key and try again");

        engine.handle(post("identity/oidc/key/k/rotate", body()));
        assertThat(engine.handle(getAs("ent-1", "identity/oidc/token/r")).status())
                .isEqualTo(200);
    }

    @Test
    void defaultKeyGetsMaterialWhenARoleFirstUsesItAndThenSigns() throws Exception {
        assertThat(engine.namedKey("default").hasMaterial()).isFalse();
        engine.handle(post("identity/oidc/role/r", body("key", "default")));
        assertThat(engine.namedKey("default").hasMaterial()).isTrue();
        SignedJWT jwt = SignedJWT.parse((String)
                data(engine.handle(getAs("ent-1", "identity/oidc/token/r"))).get("token"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.verify(
                        verifierFor(jwks(engine).getKeyByKeyId(jwt.getHeader().getKeyID()))))
                .isTrue();
    }

    @Test
    void configuredIssuerIsUsedInTheIssClaim() throws Exception {
        engine.handle(post("identity/oidc/config", body("issuer", "https://vault.example.com:8200")));
        engine.handle(post("identity/oidc/role/r", body("key", "default")));
        SignedJWT jwt = SignedJWT.parse((String)
                data(engine.handle(getAs("ent-1", "identity/oidc/token/r"))).get("token"));
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://vault.example.com:8200/v1/identity/oidc");
    }

    @Test
    void tokenPathOnlyAnswersGet() {
        assertThat(engine.handle(post("identity/oidc/token/r", body())).status())
                .isEqualTo(405);
    }
}
