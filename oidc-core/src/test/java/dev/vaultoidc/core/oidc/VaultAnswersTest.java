package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.oidc.Introspection.IntrospectionFailure;
import java.time.Duration;
import java.util.Date;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers the emulator cannot produce through its API: Vault's ttl-capping warning (role and key writes
 * both prevent the condition, spec §7.6) and broken bodies.
 */
class VaultAnswersTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private OidcAdmin oidc;

    @BeforeEach
    void setUp() {
        VaultClient vault = VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("s.test"))
                .retryPolicy(RetryPolicy.none())
                .build();
        oidc = vault.identity().oidc();
    }

    private void answer(String json) {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(json)
                .build());
    }

    @Test
    void cappedTtlWarningIsSurfacedAndTheTokensRealExpiryIsUsed() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        long iat = 1_800_000_000L;
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder()
                        .issuer("http://vault/v1/identity/oidc")
                        .subject("e1")
                        .audience("c1")
                        .issueTime(new Date(iat * 1000))
                        .expirationTime(new Date((iat + 3600) * 1000))
                        .build());
        jwt.sign(new RSASSASigner(key));
        String warning = "a role's token ttl cannot be longer than the verification_ttl of the key it references, "
                + "setting token ttl to 3600000000000";
        answer("{\"request_id\":\"x\",\"data\":{\"client_id\":\"c1\",\"token\":\"" + jwt.serialize()
                + "\",\"ttl\":86400},\"warnings\":[\"" + warning.replace("'", "\\u0027") + "\"]}");

        IdToken token = oidc.generateToken("r");

        assertThat(token.warnings()).containsExactly(warning);
        assertThat(token.ttl()).as("Vault reports the role's ttl, uncapped").isEqualTo(Duration.ofDays(1));
        assertThat(token.lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(token.expiresAt().getEpochSecond()).isEqualTo(iat + 3600);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/identity/oidc/token/r");
    }

    @Test
    void tokenThatIsNotAJwtIsAMalformedResponseWithoutTheTokenInTheMessage() {
        answer("{\"data\":{\"client_id\":\"c1\",\"token\":\"secret-garbage\",\"ttl\":60}}");

        assertThatThrownBy(() -> oidc.generateToken("r")).isInstanceOfSatisfying(VaultException.class, e -> {
            assertThat(e.reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).doesNotContain("secret-garbage");
        });
    }

    @Test
    void introspectionAnswerWithoutActiveIsMalformed() {
        answer("{\"error\":\"something\"}");
        assertThatThrownBy(() -> oidc.introspect("t"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.MALFORMED_RESPONSE));
    }

    @Test
    void unknownIntrospectionErrorIsOtherWithVaultsText() {
        answer("{\"active\":false,\"error\":\"error validating claims: go-jose/go-jose/jwt: validation failed, "
                + "token not valid yet (nbf)\"}");
        Introspection result = oidc.introspect("t", "c1");
        assertThat(result.failure()).isEqualTo(IntrospectionFailure.OTHER);
        assertThat(result.error()).endsWith("token not valid yet (nbf)");
    }
}
