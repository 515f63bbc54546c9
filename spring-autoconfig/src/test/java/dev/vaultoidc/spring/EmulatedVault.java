package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.emulator.VaultEmulator;
import java.util.List;
import java.util.Map;

/**
 * One emulated Vault for the module's Spring tests, started once per JVM so application contexts that share it
 * are cached and reused. It has an OIDC key and two roles: {@code web} (the audience the apps accept, with a
 * {@code groups} claim from the entity's groups) and {@code other} (a different audience). Entities: alice, a
 * member of the group {@code payments-admins}; bob, in no group.
 */
final class EmulatedVault {
    static final VaultEmulator VAULT = VaultEmulator.builder().build().start();
    static final String WEB_CLIENT_ID;
    static final String ALICE_ID;
    static final String BOB_ID;
    /** The entity of the service under test, and the Vault token it logs in with (its own ID tokens name it). */
    static final String SERVICE_ID;
    /** Mint ID tokens for any role. */
    static final String WORKLOAD_POLICY = "oidc-workload";
    /** The service under test: mint, introspect, read entities by name. */
    static final String SERVICE_POLICY = "orders-service";
    static final String SERVICE_TOKEN;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(VAULT::close));
        VaultClient root = rootClient();
        root.logical().write("identity/oidc/key/k", Map.of("allowed_client_ids", "*", "algorithm", "RS256"));
        root.logical().write("identity/oidc/role/web", Map.of("key", "k", "ttl", "30m",
                "template", "{\"groups\": {{identity.entity.groups.names}}}"));
        root.logical().write("identity/oidc/role/other", Map.of("key", "k", "ttl", "30m"));
        WEB_CLIENT_ID = root.logical().read("identity/oidc/role/web").orElseThrow()
                .data().get("client_id").asText();
        ALICE_ID = VAULT.createEntity("alice");
        BOB_ID = VAULT.createEntity("bob");
        SERVICE_ID = VAULT.createEntity("orders-service");
        // The emulator enforces ACLs as Vault does: each token gets the policy a real Vault would need.
        VAULT.writePolicy(WORKLOAD_POLICY, "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }");
        VAULT.writePolicy(SERVICE_POLICY, """
                path "identity/oidc/token/*" { capabilities = ["read"] }
                path "identity/oidc/introspect" { capabilities = ["update"] }
                path "identity/entity/name/*" { capabilities = ["read"] }
                """);
        SERVICE_TOKEN = VAULT.createToken(SERVICE_ID, SERVICE_POLICY);
        root.logical().write("identity/group", Map.of("name", "payments-admins", "member_entity_ids", List.of(ALICE_ID)));
    }

    private EmulatedVault() {}

    static String address() {
        return VAULT.address();
    }

    static VaultClient rootClient() {
        return VaultClient.builder().address(VAULT.address()).auth(VaultAuth.token(VAULT.rootToken())).build();
    }

    /** An ID token for {@code entityId} from {@code role}, minted by Vault as the entity's own token would. */
    static String idToken(String entityId, String role) {
        VaultClient asEntity = VaultClient.builder().address(VAULT.address())
                .auth(VaultAuth.token(VAULT.createToken(entityId, WORKLOAD_POLICY))).build();
        return asEntity.logical().read("identity/oidc/token/" + role).orElseThrow().data().get("token").asText();
    }
}
