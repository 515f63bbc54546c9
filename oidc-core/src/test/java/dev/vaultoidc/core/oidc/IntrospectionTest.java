package dev.vaultoidc.core.oidc;

import dev.vaultoidc.core.oidc.Introspection.IntrospectionFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerificationFailure;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Vault's verdicts, typed. */
@ExtendWith(VaultEmulatorExtension.class)
class IntrospectionTest {

    private OidcFixture fx;
    private OidcAdmin oidc;
    private VaultClient workload;
    private String clientId;

    @BeforeEach
    void setUp(VaultEmulator vault) {
        vault.reset();
        fx = new OidcFixture(vault);
        oidc = fx.admin;
        fx.keyAndRole("r", KeyAlgorithm.ES256, Duration.ofMinutes(10));
        clientId = oidc.readRole("r").orElseThrow().clientId();
        workload = fx.workload("web");
    }

    private String mint() {
        return workload.identity().oidc().generateToken("r").token();
    }

    @Test
    void freshTokenIsActiveForItsAudience() {
        Introspection result = oidc.introspect(mint(), clientId);
        assertThat(result.active()).isTrue();
        assertThat(result.failureReason()).isEmpty();
    }

    @Test
    void expiredTokenIsReportedAsExpired() {
        String token = mint();
        fx.vault.clock().advance(Duration.ofMinutes(12)); // past exp plus Vault's 1 minute of leeway

        Introspection result = oidc.introspect(token);

        assertThat(result.active()).isFalse();
        assertThat(result.failure()).isEqualTo(IntrospectionFailure.EXPIRED);
        assertThat(result.error()).contains("token is expired (exp)");
    }

    @Test
    void otherAudienceIsReportedAsWrongAudience() {
        assertThat(oidc.introspect(mint(), "some-other-client").failure())
                .isEqualTo(IntrospectionFailure.WRONG_AUDIENCE);
    }

    @Test
    void disabledAndDeletedEntitiesAreReported() {
        String token = mint();
        String entityId = fx.entityId(workload);

        fx.root.logical().write("identity/entity/id/" + entityId, Map.of("disabled", true));
        assertThat(oidc.introspect(token, clientId).failure()).isEqualTo(IntrospectionFailure.ENTITY_DISABLED);

        fx.root.logical().delete("identity/entity/id/" + entityId);
        assertThat(oidc.introspect(token, clientId).failure()).isEqualTo(IntrospectionFailure.ENTITY_NOT_FOUND);
    }

    @Test
    void garbageIsMalformedAndAChangedIssuerIsWrongIssuer() {
        assertThat(oidc.introspect("not-a-jwt").failure()).isEqualTo(IntrospectionFailure.MALFORMED);

        String token = mint();
        oidc.writeIssuer("https://elsewhere.example:8200");
        assertThat(oidc.introspect(token).failure()).isEqualTo(IntrospectionFailure.WRONG_ISSUER);
    }

    @Test
    void verifierWithTheVaultIntrospectorRejectsATokenOfADisabledEntity() throws Exception {
        String token = mint();
        TokenVerifier verifier = TokenVerifier.builder()
                .issuer(fx.vault.address() + "/v1/identity/oidc")
                .audiences(clientId)
                .clock(fx.vault.clock())
                .introspector(fx.root.identity().oidc().introspector(), Duration.ZERO)
                .build();
        assertThat(verifier.verify(token).subject()).isEqualTo(fx.entityId(workload));

        fx.root.logical().write("identity/entity/id/" + fx.entityId(workload), Map.of("disabled", true));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(TokenVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(VerificationFailure.INACTIVE));
    }
}
