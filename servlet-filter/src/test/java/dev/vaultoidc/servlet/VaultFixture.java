package dev.vaultoidc.servlet;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.VaultEmulator;
import java.time.Duration;
import java.util.Map;

/**
 * Prepares the emulator as an operator would: a signing key, a role {@code api} whose template puts the
 * entity's group names in {@code groups}, a role {@code other} (another audience), an AppRole workload that
 * belongs to the group {@code admins}. Then mints real ID tokens through the library's own client.
 */
final class VaultFixture {
    final VaultEmulator vault;
    final String apiClientId;
    final String entityId;
    private final VaultClient workload;

    VaultFixture(VaultEmulator vault) {
        this.vault = vault;
        vault.reset();
        VaultClient root = VaultClient.builder().address(vault.address()).auth(VaultAuth.token(vault.rootToken()))
                .clock(vault.clock()).build();
        OidcAdmin oidc = root.identity().oidc();
        oidc.writeKey("k", NamedKeyRequest.builder().allowedClientIds("*").build());
        oidc.writeRole("api", RoleRequest.builder().key("k").ttl(Duration.ofMinutes(10))
                .template("{\"groups\": {{identity.entity.groups.names}}}").build());
        oidc.writeRole("other", RoleRequest.builder().key("k").ttl(Duration.ofMinutes(10)).build());
        apiClientId = oidc.readRole("api").orElseThrow().clientId();

        vault.enableAuth("approle");
        // The emulator enforces ACLs: the workload needs read on identity/oidc/token/<role>, as on Vault.
        root.logical().write("sys/policy/oidc-workload",
                Map.of("policy", "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }"));
        root.logical().write("auth/approle/role/web", Map.of("token_ttl", "1h", "token_policies", "oidc-workload"));
        String roleId = root.logical().read("auth/approle/role/web/role-id").orElseThrow()
                .data().get("role_id").asText();
        String secretId = root.logical().write("auth/approle/role/web/secret-id", Map.of()).orElseThrow()
                .data().get("secret_id").asText();
        // On the emulator's clock, so tests that move time forward keep a valid workload login.
        workload = VaultClient.builder().address(vault.address()).auth(VaultAuth.appRole(roleId, secretId))
                .clock(vault.clock()).build();
        entityId = workload.logical().read("auth/token/lookup-self").orElseThrow().data().get("entity_id").asText();
        root.identity().groups().createOrUpdate(GroupRequest.builder().name("admins").memberEntityIds(entityId).build());
    }

    /** A fresh ID token of {@code role}, minted by the workload. */
    String mint(String role) {
        return workload.identity().oidc().generateToken(role).token();
    }

    /** A verifier for role {@code api}, on the emulator's clock so tests can move time. */
    TokenVerifier verifier() {
        return TokenVerifier.builder().vaultAddress(vault.address()).audiences(apiClientId).clock(vault.clock())
                .build();
    }
}
