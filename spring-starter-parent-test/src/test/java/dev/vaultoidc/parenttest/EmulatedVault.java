package dev.vaultoidc.parenttest;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.emulator.VaultEmulator;
import java.util.List;
import java.util.Map;

/**
 * One emulated Vault for the test JVM: an RS256 key, the role {@code orders} whose tokens carry the entity's groups,
 * alice in {@code payments-admins}, bob in no group.
 */
final class EmulatedVault {
    static final EmulatedVault INSTANCE = new EmulatedVault();

    final VaultEmulator vault;
    final String clientId;
    final String aliceId;
    final String bobId;

    private EmulatedVault() {
        vault = VaultEmulator.builder().build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(vault::close));
        VaultClient root = VaultClient.builder()
                .address(vault.address())
                .auth(VaultAuth.token(vault.rootToken()))
                .build();
        root.logical().write("identity/oidc/key/k", Map.of("allowed_client_ids", "*", "algorithm", "RS256"));
        root.logical()
                .write(
                        "identity/oidc/role/orders",
                        Map.of("key", "k", "ttl", "30m", "template", "{\"groups\": {{identity.entity.groups.names}}}"));
        clientId = root.logical()
                .read("identity/oidc/role/orders")
                .orElseThrow()
                .data()
                .get("client_id")
                .asText();
        aliceId = vault.createEntity("alice");
        bobId = vault.createEntity("bob");
        root.logical()
                .write("identity/group", Map.of("name", "payments-admins", "member_entity_ids", List.of(aliceId)));
    }

    String address() {
        return vault.address();
    }

    String idToken(String entityName) {
        return vault.issueIdToken(entityName, "orders");
    }
}
