package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured VaultClient logs in as vault.oidc.auth.* says, against the emulator and OpenBao. */
class VaultLoginTest {

    @BothServers
    void appRoleWithSecretIdFileLogsInAndMintsTheServicesOwnTokens(TestServer server, @TempDir Path dir)
            throws Exception {
        ServerVault vault = ServerVault.of(server);
        VaultClient root = vault.rootClient();
        root.logical().write("sys/auth/approle", Map.of("type", "approle"));
        root.logical()
                .write(
                        "auth/approle/role/orders",
                        Map.of("token_ttl", "1h", "token_policies", List.of(ServerVault.POLICY)));
        String roleId = root.logical()
                .read("auth/approle/role/orders/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = root.logical()
                .write("auth/approle/role/orders/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        Path secretFile = Files.writeString(dir.resolve("secret-id"), secretId + "\n");

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class))
                .withPropertyValues(
                        "vault.oidc.address=" + vault.address(),
                        "vault.oidc.auth.approle.role-id=" + roleId,
                        "vault.oidc.auth.approle.secret-id-file=" + secretFile,
                        "vault.oidc.id-token.role=web")
                .run(context -> {
                    assertThat(context.getBean(IdentityOperations.class)
                                    .entities()
                                    .readByName("alice"))
                            .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(vault.aliceId));
                    // Minting needs an entity: the AppRole login gave the client one (a root token has none).
                    assertThat(context.getBean(IdTokenSupplier.class).current().token())
                            .isNotBlank();
                    assertThat(context.getBean(VaultClient.class).toString()).doesNotContain(secretId);
                });
        if (server.isEmulator()) {
            // The emulator's request log shows the login happened; on OpenBao the minted token above proves it.
            assertThat(server.emulator().requestCount("auth/approle/login")).isPositive();
        }
    }
}
