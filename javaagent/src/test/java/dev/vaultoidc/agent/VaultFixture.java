package dev.vaultoidc.agent;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.emulator.VaultEmulator;
import java.time.Duration;
import java.util.Map;

/**
 * A server (the emulator or OpenBao) prepared as an operator would, through HTTP only: a key, a role {@code api}
 * whose template puts the entity's group names in {@code groups}, and two AppRole workloads: {@code member} in
 * group {@code admins}, {@code outsider} in none. Tokens are minted through the library's own client, as real
 * workloads would. A server is prepared once: the names are fixed, and OpenBao cannot be reset.
 */
final class VaultFixture {
    final String address;
    final String apiClientId;
    final String memberEntityId;
    final String roleId;
    final String secretId;
    private final VaultClient member;
    private final VaultClient outsider;

    /** Resets the emulator, then prepares it. */
    VaultFixture(VaultEmulator vault) {
        this(reset(vault).address(), vault.rootToken());
    }

    private static VaultEmulator reset(VaultEmulator vault) {
        vault.reset();
        return vault;
    }

    VaultFixture(String address, String rootToken) {
        this.address = address;
        VaultClient root = VaultClient.builder()
                .address(address)
                .auth(VaultAuth.token(rootToken))
                .build();
        OidcAdmin oidc = root.identity().oidc();
        oidc.writeKey("k", NamedKeyRequest.builder().allowedClientIds("*").build());
        oidc.writeRole(
                "api",
                RoleRequest.builder()
                        .key("k")
                        .ttl(Duration.ofMinutes(10))
                        .template("{\"groups\": {{identity.entity.groups.names}}}")
                        .build());
        apiClientId = oidc.readRole("api").orElseThrow().clientId();

        root.logical().write("sys/auth/approle", Map.of("type", "approle"));
        // Both servers enforce ACLs: workloads may mint ID tokens of role api, nothing more.
        root.logical()
                .write(
                        "sys/policies/acl/api-workload",
                        Map.of("policy", "path \"identity/oidc/token/api\" { capabilities = [\"read\"] }"));
        root.logical().write("auth/approle/role/member", Map.of("token_ttl", "1h", "token_policies", "api-workload"));
        root.logical().write("auth/approle/role/outsider", Map.of("token_ttl", "1h", "token_policies", "api-workload"));
        roleId = root.logical()
                .read("auth/approle/role/member/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        secretId = root.logical()
                .write("auth/approle/role/member/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        member = VaultClient.builder()
                .address(address)
                .auth(VaultAuth.appRole(roleId, secretId))
                .build();
        String outsiderRoleId = root.logical()
                .read("auth/approle/role/outsider/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String outsiderSecret = root.logical()
                .write("auth/approle/role/outsider/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        outsider = VaultClient.builder()
                .address(address)
                .auth(VaultAuth.appRole(outsiderRoleId, outsiderSecret))
                .build();
        memberEntityId = member.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();
        root.identity()
                .groups()
                .createOrUpdate(GroupRequest.builder()
                        .name("admins")
                        .memberEntityIds(memberEntityId)
                        .build());
    }

    /** An {@code api} token of the workload in group {@code admins}. */
    String memberToken() {
        return member.identity().oidc().generateToken("api").token();
    }

    /** An {@code api} token of the workload in no group. */
    String outsiderToken() {
        return outsider.identity().oidc().generateToken("api").token();
    }
}
