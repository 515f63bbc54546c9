package dev.vaultoidc.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.testing.RequestCounter;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.EmulatorClock;
import dev.vaultoidc.emulator.junit.TestServer;
import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JWT login against OpenBao's real JWT auth method: login, renewal ahead of expiry, and a fresh JWT for the
 * re-login after the token is revoked. OpenBao only: the emulator has no JWT auth method (AppRole only).
 */
@OpenBaoServer
class JwtLoginOpenBaoTest {

    OpenBao bao;

    private Sandbox vault;
    private RSAKey signer;
    private final AtomicInteger jwtsIssued = new AtomicInteger();
    private final RequestCounter requests = new RequestCounter();
    private final EmulatorClock clientClock = EmulatorClock.system();

    @BeforeEach
    void setUp() throws Exception {
        vault = Sandbox.openNamespace(TestServer.openBao(bao.address(), bao.rootToken()));
        signer = new RSAKeyGenerator(2048).keyID("ci").generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(signer.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        vault.enableAuth("jwt");
        vault.logical()
                .write(
                        "auth/jwt/config",
                        Map.of("jwt_validation_pubkeys", List.of(pem), "bound_issuer", "https://ci.example"));
        vault.logical()
                .write(
                        "auth/jwt/role/deployer",
                        Map.of(
                                "role_type",
                                "jwt",
                                "user_claim",
                                "sub",
                                "bound_audiences",
                                List.of("vault"),
                                "token_ttl",
                                "1h",
                                "token_max_ttl",
                                "24h"));
    }

    /** A new JWT per login, as a CI system or a projected token file would hand out. */
    private String jwt() {
        try {
            jwtsIssued.incrementAndGet();
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ci").build(),
                    new JWTClaimsSet.Builder()
                            .issuer("https://ci.example")
                            .subject("pipeline-7")
                            .audience("vault")
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plusSeconds(300)))
                            .build());
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private VaultClient client() {
        return vault.builder()
                .auth(VaultAuth.jwt("deployer", this::jwt))
                .okHttpClient(requests.http())
                .clock(clientClock)
                .build();
    }

    @Test
    void logsInWithTheJwtAndGetsAnEntityForItsSubject() {
        VaultClient client = client();

        var self = client.logical().read("auth/token/lookup-self").orElseThrow().data();

        assertThat(self.get("entity_id").asText()).isNotBlank();
        assertThat(self.get("meta").get("role").asText()).isEqualTo("deployer");
        assertThat(vault.root()
                        .identity()
                        .entities()
                        .read(self.get("entity_id").asText())
                        .orElseThrow()
                        .aliases())
                .singleElement()
                .satisfies(alias -> assertThat(alias.name()).isEqualTo("pipeline-7"));
        assertThat(jwtsIssued).hasValue(1);
    }

    @Test
    void renewsAheadOfExpiryWithoutANewLogin() {
        VaultClient client = client();
        client.logical().read("auth/token/lookup-self");

        // Only the client's view of time moves; it decides when to renew, the real token is renewable.
        clientClock.advance(Duration.ofMinutes(45));
        client.logical().read("auth/token/lookup-self");

        assertThat(requests.count("auth/token/renew-self")).isEqualTo(1);
        assertThat(requests.count("auth/jwt/login")).isEqualTo(1);
    }

    @Test
    void revokedTokenIsReplacedByALoginWithAFreshJwt() {
        VaultClient client = client();
        String entity = client.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();
        vault.builder()
                .auth(VaultAuth.token(client.token()))
                .build()
                .logical()
                .write("auth/token/revoke-self", Map.of());

        String after = client.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();

        assertThat(after).isEqualTo(entity);
        assertThat(requests.count("auth/jwt/login")).isEqualTo(2);
        assertThat(jwtsIssued).hasValue(2);
    }

    @Test
    void aJwtForAnotherAudienceIsAnAuthenticationFailure() {
        vault.logical()
                .write(
                        "auth/jwt/role/other",
                        Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", List.of("someone-else")));
        VaultClient client =
                vault.builder().auth(VaultAuth.jwt("other", this::jwt)).build();

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read("auth/token/lookup-self"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).doesNotContain("eyJ"); // no JWT in the message
    }
}
