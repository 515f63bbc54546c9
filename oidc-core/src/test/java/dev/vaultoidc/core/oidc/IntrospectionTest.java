package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.oidc.Introspection.IntrospectionFailure;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerificationFailure;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Vault's verdicts, typed. */
class IntrospectionTest {

    private OidcFixture fx;
    private OidcAdmin oidc;
    private VaultClient workload;
    private String clientId;

    @BeforeEach
    void setUp(TestServer server) {
        fx = new OidcFixture(Sandbox.open(server));
        oidc = fx.admin;
        fx.keyAndRole("r", OidcAdmin.KeyAlgorithm.ES256, Duration.ofMinutes(10));
        clientId = oidc.readRole("r").orElseThrow().clientId();
        workload = fx.workload("web");
    }

    private String mint() {
        return workload.identity().oidc().generateToken("r").token();
    }

    @BothServers
    void freshTokenIsActiveForItsAudience(TestServer server) {
        Introspection result = oidc.introspect(mint(), clientId);
        assertThat(result.active()).isTrue();
        assertThat(result.failureReason()).isEmpty();
    }

    @BothServers
    void expiredTokenIsReportedAsExpired(TestServer server) {
        // Emulator-only: expiry needs the emulator's clock (OpenBao's would mean waiting 11 minutes).
        org.junit.jupiter.api.Assumptions.assumeTrue(server.isEmulator(), "needs the emulator's clock");
        String token = mint();
        fx.vault.clock().advance(Duration.ofMinutes(12)); // past exp plus Vault's 1 minute of leeway

        Introspection result = oidc.introspect(token);

        assertThat(result.active()).isFalse();
        assertThat(result.failure()).isEqualTo(IntrospectionFailure.EXPIRED);
        assertThat(result.error()).contains("token is expired (exp)");
    }

    @BothServers
    void otherAudienceIsReportedAsWrongAudience(TestServer server) {
        assertThat(oidc.introspect(mint(), "some-other-client").failure())
                .isEqualTo(IntrospectionFailure.WRONG_AUDIENCE);
    }

    @BothServers
    void disabledAndDeletedEntitiesAreReported(TestServer server) {
        String token = mint();
        String entityId = fx.entityId(workload);

        fx.root.logical().write("identity/entity/id/" + entityId, Map.of("disabled", true));
        assertThat(oidc.introspect(token, clientId).failure()).isEqualTo(IntrospectionFailure.ENTITY_DISABLED);

        fx.root.logical().delete("identity/entity/id/" + entityId);
        assertThat(oidc.introspect(token, clientId).failure()).isEqualTo(IntrospectionFailure.ENTITY_NOT_FOUND);
    }

    @BothServers
    void garbageIsMalformedAndAChangedIssuerIsWrongIssuer(TestServer server) {
        assertThat(oidc.introspect("not-a-jwt").failure()).isEqualTo(IntrospectionFailure.MALFORMED);

        String token = mint();
        oidc.writeIssuer("https://elsewhere.example:8200");
        assertThat(oidc.introspect(token).failure()).isEqualTo(IntrospectionFailure.WRONG_ISSUER);
    }

    @BothServers
    void verifierWithTheVaultIntrospectorRejectsATokenOfADisabledEntity(TestServer server) throws Exception {
        String token = mint();
        TokenVerifier verifier = TokenVerifier.builder()
                .issuer(fx.defaultIssuer())
                .audiences(clientId)
                .clock(fx.clock)
                .introspector(fx.root.identity().oidc().introspector(), Duration.ZERO)
                .build();
        assertThat(verifier.verify(token).subject()).isEqualTo(fx.entityId(workload));

        fx.root.logical().write("identity/entity/id/" + fx.entityId(workload), Map.of("disabled", true));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(
                        TokenVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(VerificationFailure.INACTIVE));
    }
}
