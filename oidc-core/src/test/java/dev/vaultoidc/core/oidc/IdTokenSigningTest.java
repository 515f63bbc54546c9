package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** Tokens minted through our client verify against the JWKS read through our client, for every algorithm. */
class IdTokenSigningTest {

    private OidcFixture fx;
    private OidcAdmin oidc;

    @BeforeEach
    void setUp(TestServer server) {
        fx = new OidcFixture(Sandbox.open(server));
        oidc = fx.admin;
    }

    @BothServers
    void mintedTokenVerifiesWithThePublishedKeyAndCarriesVaultsClaims(TestServer server) throws Exception {
        VaultClient workload = fx.workload("web");
        String entityId = fx.entityId(workload);
        for (OidcAdmin.KeyAlgorithm alg : OidcAdmin.KeyAlgorithm.values()) {
            mintsAndVerifies(alg, workload, entityId);
        }
    }

    private void mintsAndVerifies(OidcAdmin.KeyAlgorithm alg, VaultClient workload, String entityId) throws Exception {
        String name = "k-" + alg.name().toLowerCase(java.util.Locale.ROOT);
        oidc.writeKey(
                name,
                NamedKeyRequest.builder().algorithm(alg).allowedClientIds("*").build());
        oidc.writeRole(
                name,
                RoleRequest.builder()
                        .key(name)
                        .ttl(Duration.ofMinutes(30))
                        .template("{\"entity_name\": {{identity.entity.name}}, \"tier\": \"gold\"}")
                        .build());
        // The emulator's clock stands still; OpenBao's runs, so iat lies between these two readings.
        long before = fx.clock.instant().getEpochSecond();

        IdToken minted = workload.identity().oidc().generateToken(name);
        long after = fx.clock.instant().getEpochSecond();
        JWKSet jwks = oidc.readJwks();

        SignedJWT jwt = SignedJWT.parse(minted.token());
        assertThat(jwt.getHeader().getAlgorithm()).as(alg.name()).isEqualTo(alg.jwsAlgorithm());
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("signing key published").isNotNull();
        assertThat(verify(jwt, key)).as(alg.name()).isTrue();

        String clientId = oidc.readRole(name).orElseThrow().clientId();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(oidc.readDiscovery().issuer());
        assertThat(claims.getSubject()).isEqualTo(entityId);
        assertThat(claims.getClaim("namespace")).isEqualTo(fx.sandbox.namespaceId());
        assertThat(jwt.getPayload().toJSONObject().get("aud"))
                .as("aud is a single string")
                .isEqualTo(clientId);
        long iat = claims.getIssueTime().toInstant().getEpochSecond();
        assertThat(iat).isBetween(before, after);
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(iat + 1800);
        assertThat(claims.getClaim("entity_name"))
                .isEqualTo(workload.logical()
                        .read("identity/entity/id/" + entityId)
                        .orElseThrow()
                        .data()
                        .get("name")
                        .asText());
        assertThat(claims.getClaim("tier")).isEqualTo("gold");

        assertThat(minted.clientId()).isEqualTo(clientId);
        assertThat(minted.ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(minted.lifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(minted.warnings()).isEmpty();
        assertThat(minted.toString()).doesNotContain(minted.token()).contains("<redacted>");
    }

    @BothServers
    void nextKeyIsPublishedBeforeItSignsAndRotatedKeyLeavesAfterItsVerificationTtl(TestServer server) throws Exception {
        fx.keyAndRole("r", OidcAdmin.KeyAlgorithm.ES256, Duration.ofMinutes(30));
        oidc.writeKey(
                "r",
                NamedKeyRequest.builder().verificationTtl(Duration.ofHours(1)).build());
        OidcAdmin workload = fx.workload("web").identity().oidc();

        String firstKid = kid(workload.generateToken("r"));
        var before = oidc.readJwks().getKeys().stream().map(JWK::getKeyID).toList();
        assertThat(before).hasSize(2).contains(firstKid);

        oidc.rotateKey("r");

        String secondKid = kid(workload.generateToken("r"));
        assertThat(secondKid).isNotEqualTo(firstKid);
        assertThat(before).as("the new signer was published before rotation").contains(secondKid);
        assertThat(oidc.readJwks().getKeys())
                .extracting(JWK::getKeyID)
                .hasSize(3)
                .contains(firstKid, secondKid);
        // The real rotate endpoint does not touch the stored verification_ttl (hvac's Q3 would set it).
        assertThat(oidc.readKey("r").orElseThrow().verificationTtl()).isEqualTo(Duration.ofHours(1));

        if (server.isEmulator()) { // the hour of verification_ttl passes only on the emulator's clock
            fx.vault.clock().advance(Duration.ofMinutes(59));
            assertThat(oidc.readJwks().getKeys()).extracting(JWK::getKeyID).contains(firstKid);
            fx.vault.clock().advance(Duration.ofMinutes(2));
            assertThat(oidc.readJwks().getKeys())
                    .extracting(JWK::getKeyID)
                    .doesNotContain(firstKid)
                    .contains(secondKid);
        }
    }

    @BothServers
    void rotateOverrideShortensOnlyTheRetiredKeysLife(TestServer server) throws Exception {
        fx.keyAndRole("r", OidcAdmin.KeyAlgorithm.RS256, Duration.ofMinutes(30));
        String firstKid = kid(fx.workload("web").identity().oidc().generateToken("r"));

        oidc.rotateKey("r", Duration.ofMinutes(5));

        assertThat(oidc.readKey("r").orElseThrow().verificationTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(oidc.readJwks().getKeys()).extracting(JWK::getKeyID).contains(firstKid);
        if (server.isEmulator()) { // five minutes pass only on the emulator's clock
            fx.vault.clock().advance(Duration.ofMinutes(6));
            assertThat(oidc.readJwks().getKeys()).extracting(JWK::getKeyID).doesNotContain(firstKid);
        }
    }

    @BothServers
    void rotatingAMissingKeyFailsWithVaultsMessage(TestServer server) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> oidc.rotateKey("ghost"))
                .isInstanceOfSatisfying(
                        dev.vaultoidc.core.http.VaultException.class,
                        e -> assertThat(e.errors()).containsExactly("no named key found at \"ghost\""));
    }

    private static String kid(IdToken t) throws Exception {
        return SignedJWT.parse(t.token()).getHeader().getKeyID();
    }

    /** Plain Nimbus; Ed25519 through the JDK because Nimbus's Ed25519 verifier needs Google Tink. */
    static boolean verify(SignedJWT jwt, JWK key) throws Exception {
        JWSVerifier verifier;
        switch (key.getKeyType().getValue()) {
            case "RSA" -> verifier = new RSASSAVerifier(key.toRSAKey());
            case "EC" -> verifier = new ECDSAVerifier(key.toECKey());
            case "OKP" -> {
                OctetKeyPair okp = key.toOctetKeyPair();
                byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
                byte[] x = okp.getDecodedX();
                byte[] der = new byte[prefix.length + x.length];
                System.arraycopy(prefix, 0, der, 0, prefix.length);
                System.arraycopy(x, 0, der, prefix.length, x.length);
                Signature sig = Signature.getInstance("Ed25519");
                sig.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
                sig.update(jwt.getSigningInput());
                return sig.verify(jwt.getSignature().decode());
            }
            default -> throw new AssertionError("unexpected key type " + key.getKeyType());
        }
        return jwt.verify(verifier);
    }
}
