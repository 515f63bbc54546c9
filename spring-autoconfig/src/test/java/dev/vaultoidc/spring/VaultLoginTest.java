package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured VaultClient logs in as vault.oidc.auth.* says, against the emulated Vault. */
class VaultLoginTest {

    @Test
    void appRoleWithSecretIdFileLogsInAndMintsTheServicesOwnTokens(@TempDir Path dir) throws Exception {
        VaultClient root = EmulatedVault.rootClient();
        EmulatedVault.VAULT.enableAuth("approle");
        root.logical().write("auth/approle/role/orders",
                Map.of("token_ttl", "1h", "token_policies", EmulatedVault.SERVICE_POLICY));
        String roleId = root.logical().read("auth/approle/role/orders/role-id").orElseThrow()
                .data().get("role_id").asText();
        String secretId = root.logical().write("auth/approle/role/orders/secret-id", Map.of()).orElseThrow()
                .data().get("secret_id").asText();
        Path secretFile = Files.writeString(dir.resolve("secret-id"), secretId + "\n");

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class))
                .withPropertyValues("vault.oidc.address=" + EmulatedVault.address(),
                        "vault.oidc.auth.approle.role-id=" + roleId,
                        "vault.oidc.auth.approle.secret-id-file=" + secretFile,
                        "vault.oidc.id-token.role=web")
                .run(context -> {
                    assertThat(context.getBean(IdentityOperations.class).entities().readByName("alice"))
                            .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(EmulatedVault.ALICE_ID));
                    // Minting needs an entity: the AppRole login gave the client one (a root token has none).
                    assertThat(context.getBean(IdTokenSupplier.class).current().token()).isNotBlank();
                    assertThat(context.getBean(VaultClient.class).toString()).doesNotContain(secretId);
                });
        assertThat(EmulatedVault.VAULT.requestCount("auth/approle/login")).isPositive();
    }
}
