package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Admin round trips against the emulator over HTTP. */
class OidcAdminTest {

    private OidcFixture fx;
    private OidcAdmin oidc;

    @BeforeEach
    void setUp(TestServer server) {
        fx = new OidcFixture(Sandbox.open(server));
        oidc = fx.admin;
    }

    @BothServers
    void createdKeyGetsVaultDefaultsForFieldsNotSet(TestServer server) {
        oidc.writeKey(
                "k1",
                NamedKeyRequest.builder()
                        .algorithm(OidcAdmin.KeyAlgorithm.ES384)
                        .build());

        OidcAdmin.NamedKey key = oidc.readKey("k1").orElseThrow();
        assertThat(key)
                .isEqualTo(new OidcAdmin.NamedKey(
                        "k1", OidcAdmin.KeyAlgorithm.ES384, Duration.ofHours(24), Duration.ofHours(24), List.of()));
        assertThat(oidc.listKeys()).containsExactly("default", "k1");
    }

    @BothServers
    void keyUpdateChangesOnlyTheFieldsSet(TestServer server) {
        oidc.writeKey(
                "k1",
                NamedKeyRequest.builder()
                        .algorithm(OidcAdmin.KeyAlgorithm.EdDSA)
                        .rotationPeriod(Duration.ofHours(2))
                        .verificationTtl(Duration.ofHours(3))
                        .allowedClientIds("a", "b")
                        .build());

        // hvac would resend its defaults here and reset algorithm, periods and clients (spec §8.3 Q4).
        oidc.writeKey("k1", NamedKeyRequest.builder().allowedClientIds("*").build());

        assertThat(oidc.readKey("k1").orElseThrow())
                .isEqualTo(new OidcAdmin.NamedKey(
                        "k1", OidcAdmin.KeyAlgorithm.EdDSA, Duration.ofHours(2), Duration.ofHours(3), List.of("*")));
    }

    @BothServers
    void absentKeyAndRoleAreEmptyAndNoRolesIsAnEmptyList(TestServer server) {
        assertThat(oidc.readKey("nope")).isEmpty();
        assertThat(oidc.readRole("nope")).isEmpty();
        assertThat(oidc.listRoles()).isEmpty();
        oidc.deleteKey("nope");
        oidc.deleteRole("nope");
    }

    @BothServers
    void validationErrorsCarryVaultsMessage(TestServer server) {
        assertThatThrownBy(() -> oidc.writeKey(
                        "k",
                        NamedKeyRequest.builder()
                                .rotationPeriod(Duration.ofSeconds(30))
                                .build()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).containsExactly("rotation_period must be at least one minute");
                });
        assertThatThrownBy(() ->
                        oidc.writeRole("r", RoleRequest.builder().key("missing").build()))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors()).containsExactly("cannot find key \"missing\""));
        assertThatThrownBy(() -> oidc.deleteKey("default"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors()).containsExactly("deletion of key \"default\" not allowed"));
    }

    @BothServers
    void clientRejectsNamesThatWouldLeaveThePath(TestServer server) {
        assertThatThrownBy(() -> oidc.readKey("../../sys/seal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamedKeyRequest.builder().verificationTtl(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @BothServers
    void roleRoundTripKeepsClientIdAndUnsetFields(TestServer server) {
        oidc.writeKey("k", NamedKeyRequest.builder().build());
        oidc.writeRole(
                "r",
                RoleRequest.builder()
                        .key("k")
                        .ttl(Duration.ofMinutes(15))
                        .template("{\"team\": \"payments\"}")
                        .build());
        OidcAdmin.Role created = oidc.readRole("r").orElseThrow();
        assertThat(created.key()).isEqualTo("k");
        assertThat(created.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(created.template()).isEqualTo("{\"team\": \"payments\"}");
        assertThat(created.clientId()).matches("[0-9A-Za-z]{26}");

        oidc.writeRole("r", RoleRequest.builder().ttl(Duration.ofMinutes(5)).build());

        assertThat(oidc.readRole("r").orElseThrow())
                .isEqualTo(new OidcAdmin.Role(
                        "r", "k", "{\"team\": \"payments\"}", Duration.ofMinutes(5), created.clientId()));
        assertThat(oidc.listRoles()).containsExactly("r");
        assertThatThrownBy(() -> oidc.deleteKey("k"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        "unable to delete key \"k\" because it is currently referenced by these roles: r"));
        oidc.deleteRole("r");
        oidc.deleteKey("k");
        assertThat(oidc.listRoles()).isEmpty();
        assertThat(oidc.readKey("k")).isEmpty();
    }

    @BothServers
    void roleTtlAboveTheKeysVerificationTtlIsRefused(TestServer server) {
        oidc.writeKey(
                "k",
                NamedKeyRequest.builder().verificationTtl(Duration.ofHours(1)).build());
        assertThatThrownBy(() -> oidc.writeRole(
                        "r",
                        RoleRequest.builder().key("k").ttl(Duration.ofHours(2)).build()))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        "a role's token ttl cannot be longer than the verification_ttl of the key it references"));
    }

    @BothServers
    void issuerIsWrittenWithItsWarningAndResetWithEmptyString(TestServer server) {
        assertThat(oidc.readConfig().hasExplicitIssuer()).isFalse();

        List<String> warnings = oidc.writeIssuer("https://vault.example.com:8200");

        assertThat(warnings).singleElement().asString().startsWith("If \"issuer\" is set explicitly");
        assertThat(oidc.readConfig().issuer()).isEqualTo("https://vault.example.com:8200");
        assertThat(oidc.readDiscovery().issuer()).isEqualTo("https://vault.example.com:8200" + fx.issuerPath());

        assertThat(oidc.writeIssuer("")).isEmpty();
        assertThat(oidc.readConfig().issuer()).isEmpty();
        assertThatThrownBy(() -> oidc.writeIssuer("https://vault.example.com/path"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors().get(0))
                                .startsWith(
                                        "invalid issuer, which must include only a scheme, host, and optional port"));
    }

    @BothServers
    void discoveryIsTyped(TestServer server) {
        OidcAdmin.Discovery d = oidc.readDiscovery();
        String issuer = fx.defaultIssuer();
        assertThat(d.issuer()).isEqualTo(issuer);
        assertThat(d.jwksUri()).isEqualTo(issuer + "/.well-known/keys");
        assertThat(d.responseTypesSupported()).containsExactly("id_token");
        assertThat(d.idTokenSigningAlgValuesSupported())
                .containsExactly("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA");
    }

    @BothServers
    void generatingWithoutEntityFailsWithVaultsMessage(TestServer server) {
        fx.keyAndRole("r", OidcAdmin.KeyAlgorithm.RS256, Duration.ofMinutes(10));
        assertThatThrownBy(() -> oidc.generateToken("r"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors()).containsExactly("no entity associated with the request's token"));
        assertThatThrownBy(() -> fx.workload("w").identity().oidc().generateToken("missing"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors()).containsExactly("role \"missing\" not found"));
    }
}
