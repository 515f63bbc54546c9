package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.identity.EntityRequest;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulator holds a workload to its ACL policy as Vault does, and our client turns the 403 into
 * {@link VaultErrorReason#PERMISSION_DENIED}: an AppRole workload whose policy allows one OIDC role
 * mints ID tokens for it, and is refused another role and the identity admin paths.
 */
@ExtendWith(VaultEmulatorExtension.class)
class AclEnforcementEmulatorTest {

    private OidcFixture fx;
    private VaultClient workload;

    @BeforeEach
    void setUp(VaultEmulator vault) {
        vault.reset();
        fx = new OidcFixture(vault);
        fx.root
                .logical()
                .write(
                        "sys/policy/web-workload",
                        Map.of("policy", "path \"identity/oidc/token/web\" { capabilities = [\"read\"] }"));
        fx.keyAndRole("web", OidcAdmin.KeyAlgorithm.RS256, Duration.ofMinutes(5));
        fx.keyAndRole("admin", OidcAdmin.KeyAlgorithm.RS256, Duration.ofMinutes(5));
        vault.enableAuth("approle");
        fx.root.logical().write("auth/approle/role/svc", Map.of("token_policies", "web-workload"));
        String roleId = fx.root
                .logical()
                .read("auth/approle/role/svc/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = fx.root
                .logical()
                .write("auth/approle/role/svc/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        workload = fx.client(VaultAuth.appRole(roleId, secretId));
    }

    @Test
    void allowedRoleMintsAnIdToken() {
        IdToken token = workload.identity().oidc().generateToken("web");

        assertThat(token.token()).startsWith("ey");
    }

    @Test
    void anotherRoleIsPermissionDenied() {
        assertThatThrownBy(() -> workload.identity().oidc().generateToken("admin"))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.errors()).containsExactly("1 error occurred:\n\t* permission denied\n\n");
                });
    }

    @Test
    void identityAdminPathsArePermissionDenied() {
        assertThatThrownBy(() -> workload.identity()
                        .entities()
                        .createOrUpdateByName("x", EntityRequest.builder().build()))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED));
        assertThatThrownBy(() -> workload.identity().entities().list())
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED));
        assertThatThrownBy(() -> workload.identity().oidc().readRole("web"))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED));
    }
}
