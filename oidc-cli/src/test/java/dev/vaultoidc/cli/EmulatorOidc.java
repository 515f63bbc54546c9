package dev.vaultoidc.cli;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.emulator.VaultEmulator;
import java.time.Duration;
import java.util.Map;

/** Sets up an OIDC key and role on the emulator and mints ID tokens as an AppRole workload would. */
final class EmulatorOidc {
    private final VaultEmulator vault;
    private final VaultClient root;
    private VaultClient workload;

    EmulatorOidc(VaultEmulator vault) {
        this.vault = vault;
        this.root = VaultClient.builder().address(vault.address()).auth(VaultAuth.token(vault.rootToken())).build();
    }

    String issuer() {
        return vault.address() + "/v1/identity/oidc";
    }

    /** Creates key {@code k} (any client) and role {@code r}; returns the role's client_id. */
    String createRole() {
        root.identity().oidc().writeKey("k", NamedKeyRequest.builder().allowedClientIds("*").build());
        root.identity().oidc().writeRole("r", RoleRequest.builder().key("k").ttl(Duration.ofMinutes(30)).build());
        return root.identity().oidc().readRole("r").orElseThrow().clientId();
    }

    /** An ID token for role {@code r}, minted by a workload logged in with AppRole (a root token has no entity). */
    String mint() {
        if (workload == null) {
            vault.enableAuth("approle");
            // The emulator enforces ACLs: the workload needs read on identity/oidc/token/<role>, as on Vault.
            root.logical().write("sys/policy/oidc-workload",
                    Map.of("policy", "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }"));
            root.logical().write("auth/approle/role/web", Map.of("token_ttl", "1h", "token_policies", "oidc-workload"));
            String roleId = root.logical().read("auth/approle/role/web/role-id").orElseThrow()
                    .data().get("role_id").asText();
            String secretId = root.logical().write("auth/approle/role/web/secret-id", Map.of()).orElseThrow()
                    .data().get("secret_id").asText();
            workload = VaultClient.builder().address(vault.address()).auth(VaultAuth.appRole(roleId, secretId)).build();
        }
        return workload.identity().oidc().generateToken("r").token();
    }
}
