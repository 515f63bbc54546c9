package dev.vaultoidc.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.Map;

/** A workload logged in with AppRole has an entity that the admin API can read and manage. */
class AppRoleIdentityTest {

    @BothServers
    void adminApiReadsTheEntityOfAnAppRoleLogin(TestServer server) {
        Sandbox vault = Sandbox.open(server);
        VaultClient admin = vault.root();
        String accessor = vault.enableAuth("approle");
        VaultOperations root = admin.logical();
        root.write("auth/approle/role/web", Map.of("token_ttl", "1h"));
        String roleId = root.read("auth/approle/role/web/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = root.write("auth/approle/role/web/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();

        VaultClient workload =
                vault.builder().auth(VaultAuth.appRole(roleId, secretId)).build();
        String entityId = workload.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();

        Entity entity = admin.identity().entities().read(entityId).orElseThrow();
        assertThat(entity.aliases()).singleElement().satisfies(alias -> {
            assertThat(alias.name()).isEqualTo(roleId);
            assertThat(alias.mountAccessor()).isEqualTo(accessor);
            assertThat(alias.mountType()).isEqualTo("approle");
        });
        assertThat(admin.identity().lookup().entityByAlias(accessor, roleId))
                .map(Entity::id)
                .contains(entityId);

        // The admin can now manage the workload's identity, e.g. give it a readable name and policies.
        admin.identity()
                .entities()
                .update(
                        entityId,
                        EntityRequest.builder().name("web").policies("web").build());
        assertThat(admin.identity().entities().readByName("web"))
                .map(Entity::id)
                .contains(entityId);
    }
}
