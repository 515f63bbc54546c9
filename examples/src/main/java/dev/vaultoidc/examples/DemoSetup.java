package dev.vaultoidc.examples;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.identity.EntityAliasRequest;
import dev.vaultoidc.core.identity.EntityRequest;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Everything the demo creates in Vault, through the admin API, under names ending in one random
 * suffix so a shared Vault is never disturbed; {@link #removeAll()} removes it all again, in reverse.
 * The same code runs against the embedded emulator and against a real Vault.
 */
final class DemoSetup {
    static final String WORKLOAD_ROLE = "orders-app";
    static final String OUTSIDER_ROLE = "outsider-app";
    /** Claims added to every token of the role: the entity's group names, and its name. */
    static final String TEMPLATE = """
            {"groups": {{identity.entity.groups.names}}, "entity_name": {{identity.entity.name}}}""";

    private final VaultClient admin;
    private final Narrator n;
    private final Deque<Undo> undo = new ArrayDeque<>();

    final String suffix;
    final String approleMount;
    final String groupName;
    final String keyName;
    final String roleName;
    final String otherRoleName;
    final String policyName;
    String accessor;
    String entityId;
    String outsiderId;
    String clientId;

    private record Undo(String what, Runnable action) {}

    DemoSetup(VaultClient admin, String suffix, Narrator n) {
        this.admin = admin;
        this.n = n;
        this.suffix = suffix;
        this.approleMount = "demo-approle-" + suffix;
        this.groupName = "demo-orders-readers-" + suffix;
        this.keyName = "demo-key-" + suffix;
        this.roleName = "demo-orders-" + suffix;
        this.otherRoleName = "demo-billing-" + suffix;
        this.policyName = "demo-oidc-" + suffix;
    }

    /** Creates the AppRole mount and roles, the entities, the group, the key and the roles. */
    void provision() {
        IdentityOperations identity = admin.identity();
        OidcAdmin oidc = admin.identity().oidc();

        AppRoles approle = AppRoles.enable(admin, approleMount);
        undo.push(new Undo("auth mount " + approleMount + "/ (its roles and aliases)", approle::disable));
        accessor = approle.accessor();
        n.step("enabled AppRole at " + approleMount + "/ (accessor " + accessor + ")");

        writeTokenPolicy();
        for (String role : List.of(WORKLOAD_ROLE, OUTSIDER_ROLE)) {
            approle.writeRole(
                    role, Map.of("token_ttl", "1h", "token_max_ttl", "2h", "token_policies", List.of(policyName)));
        }
        n.step("AppRole roles " + WORKLOAD_ROLE + " and " + OUTSIDER_ROLE + " (tokens carry policy " + policyName
                + ")");

        entityId = entityFor("demo-" + WORKLOAD_ROLE + "-" + suffix, approle.roleId(WORKLOAD_ROLE), "orders");
        n.step("entity demo-" + WORKLOAD_ROLE + "-" + suffix + " (" + entityId + "), aliased to the AppRole role "
                + WORKLOAD_ROLE + ": logging in as it is this entity");
        outsiderId = entityFor("demo-" + OUTSIDER_ROLE + "-" + suffix, approle.roleId(OUTSIDER_ROLE), "marketing");
        n.step("entity demo-" + OUTSIDER_ROLE + "-" + suffix + " (" + outsiderId + "), for " + OUTSIDER_ROLE
                + ", in no group");

        String groupId = identity.groups()
                .createOrUpdate(GroupRequest.builder()
                        .name(groupName)
                        .memberEntityIds(entityId)
                        .metadata(Map.of("purpose", "vault-oidc demo"))
                        .build())
                .orElseThrow()
                .id();
        undo.push(new Undo("group " + groupName, () -> identity.groups().delete(groupId)));
        n.step("group " + groupName + " (" + groupId + ") with member entity " + entityId);

        oidc.writeKey(
                keyName,
                NamedKeyRequest.builder()
                        .algorithm(OidcAdmin.KeyAlgorithm.RS256)
                        .rotationPeriod(Duration.ofHours(24))
                        .verificationTtl(Duration.ofHours(1))
                        .build());
        undo.push(new Undo("named key " + keyName, () -> oidc.deleteKey(keyName)));
        n.step("named key " + keyName + ": RS256, rotation_period 24h, verification_ttl 1h");

        // Roles before the key's client list: a role's client_id exists only once the role does.
        oidc.writeRole(
                roleName,
                RoleRequest.builder()
                        .key(keyName)
                        .template(TEMPLATE)
                        .ttl(Duration.ofMinutes(15))
                        .build());
        undo.push(new Undo("role " + roleName, () -> oidc.deleteRole(roleName)));
        oidc.writeRole(
                otherRoleName,
                RoleRequest.builder().key(keyName).ttl(Duration.ofMinutes(15)).build());
        undo.push(new Undo("role " + otherRoleName, () -> oidc.deleteRole(otherRoleName)));
        clientId = oidc.readRole(roleName).orElseThrow().clientId();
        String otherClientId = oidc.readRole(otherRoleName).orElseThrow().clientId();
        n.step("role " + roleName + " (client_id " + clientId + ", ttl 15m), template:");
        n.detail(TEMPLATE);
        n.step("role " + otherRoleName + " (client_id " + otherClientId + "): another audience, same key");

        oidc.writeKey(
                keyName,
                NamedKeyRequest.builder()
                        .allowedClientIds(clientId, otherClientId)
                        .build());
        n.step("key " + keyName
                + " now signs for these two client_ids only (allowed_client_ids; nothing else changed)");
    }

    /**
     * The workload tokens need {@code read} on {@code identity/oidc/token/<role>}; both a real Vault and the
     * emulator enforce it. A server without the policy endpoint (an emulator older than ACL enforcement) says
     * so with a 404, which is tolerated: decided by the server's answer, not by how the demo was started.
     */
    private void writeTokenPolicy() {
        String hcl = "path \"identity/oidc/token/" + roleName + "\" { capabilities = [\"read\"] }\n"
                + "path \"identity/oidc/token/" + otherRoleName + "\" { capabilities = [\"read\"] }\n";
        try {
            admin.logical().write("sys/policies/acl/" + policyName, Map.of("policy", hcl));
            undo.push(new Undo(
                    "ACL policy " + policyName, () -> admin.logical().delete("sys/policies/acl/" + policyName)));
            n.step("ACL policy " + policyName + ": read on identity/oidc/token/" + roleName + " and /" + otherRoleName);
        } catch (VaultException e) {
            if (e.reason() != VaultErrorReason.NOT_FOUND) {
                throw e;
            }
            n.step("ACL policy " + policyName + ": skipped, this Vault has no policy endpoint (HTTP " + e.status()
                    + "): this server enforces no ACLs");
        }
    }

    private String entityFor(String name, String roleId, String team) {
        IdentityOperations identity = admin.identity();
        String id = identity.entities()
                .createOrUpdate(EntityRequest.builder()
                        .name(name)
                        .metadata(Map.of("team", team))
                        .build())
                .orElseThrow()
                .id();
        undo.push(new Undo("entity " + name, () -> identity.entities().delete(id)));
        // An AppRole login's alias is named after the role_id: pre-creating it binds the login to this entity.
        identity.entityAliases()
                .createOrUpdate(EntityAliasRequest.builder()
                        .name(roleId)
                        .canonicalId(id)
                        .mountAccessor(accessor)
                        .build());
        return id;
    }

    /**
     * Removes everything created, newest first; a failure is printed and the rest still removed.
     *
     * @return whether everything was removed
     */
    boolean removeAll() {
        boolean clean = true;
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            try {
                u.action().run();
                n.step("removed " + u.what());
            } catch (RuntimeException e) {
                clean = false;
                n.step("could not remove " + u.what() + ": " + e.getMessage());
            }
        }
        if (!clean) {
            n.step("cleanup incomplete: remove what is left of the objects named *-" + suffix + " by hand");
        }
        return clean;
    }
}
