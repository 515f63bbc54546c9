package dev.vaultoidc.core.oidc;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.emulator.VaultEmulator;
import java.util.Map;

/**
 * Clients for the emulator: an admin with the root token, and workloads logged in through AppRole (a root
 * token has no entity, so it cannot mint ID tokens). No retries, so each attempt is one counted request.
 */
public final class OidcFixture {

    public final VaultEmulator vault;
    public final VaultClient root;
    public final OidcAdmin admin;

    public OidcFixture(VaultEmulator vault) {
        this.vault = vault;
        this.root = client(VaultAuth.token(vault.rootToken()));
        this.admin = root.identity().oidc();
    }

    public VaultClient client(VaultAuth auth) {
        return VaultClient.builder().address(vault.address()).auth(auth).retryPolicy(RetryPolicy.none())
                .clock(vault.clock()).build();
    }

    /** The policy of {@link #workload}s: mint ID tokens for any role, as a real Vault requires. */
    public static final String WORKLOAD_POLICY = "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }";

    /**
     * A workload logged in with AppRole role {@code name}; its token has an entity and the policy
     * {@code oidc-workload} ({@link #WORKLOAD_POLICY}), since the emulator enforces ACLs.
     */
    public VaultClient workload(String name) {
        if (root.logical().read("sys/auth").map(r -> r.data().has("approle/")).orElse(false) == Boolean.FALSE) {
            vault.enableAuth("approle");
        }
        root.logical().write("sys/policy/oidc-workload", Map.of("policy", WORKLOAD_POLICY));
        root.logical().write("auth/approle/role/" + name,
                Map.of("token_ttl", "24h", "token_policies", "oidc-workload"));
        String roleId = root.logical().read("auth/approle/role/" + name + "/role-id").orElseThrow().data()
                .get("role_id").asText();
        String secretId = root.logical().write("auth/approle/role/" + name + "/secret-id", Map.of()).orElseThrow()
                .data().get("secret_id").asText();
        return client(VaultAuth.appRole(roleId, secretId));
    }

    /** The entity id behind a workload's token. */
    public String entityId(VaultClient workload) {
        return workload.logical().read("auth/token/lookup-self").orElseThrow().data().get("entity_id").asText();
    }

    /** A key usable by every role, and a role on it. */
    public String keyAndRole(String name, KeyAlgorithm alg, java.time.Duration ttl) {
        admin.writeKey(name, NamedKeyRequest.builder().algorithm(alg).allowedClientIds("*").build());
        admin.writeRole(name, RoleRequest.builder().key(name).ttl(ttl).build());
        return name;
    }
}
