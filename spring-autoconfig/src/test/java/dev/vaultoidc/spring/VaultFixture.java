package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.emulator.VaultEmulator;
import java.util.List;
import java.util.Map;

/**
 * An emulated Vault of its own for one test class (so faults set there never reach other tests): an RS256 key,
 * the role {@code web} whose template renders {@code "groups": {{identity.entity.groups.names}}} (so an entity in
 * no group gets {@code "groups": null}, as Vault renders it), alice in the group {@code payments-admins}, bob in
 * none, and the service's own entity with a token.
 */
final class VaultFixture {
    final VaultEmulator vault;
    final String clientId;
    final String aliceId;
    final String bobId;
    final String serviceId;
    final String serviceToken;

    private VaultFixture() {
        vault = VaultEmulator.builder().build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(vault::close));
        VaultClient root = VaultClient.builder()
                .address(vault.address())
                .auth(VaultAuth.token(vault.rootToken()))
                .build();
        root.logical().write("identity/oidc/key/k", Map.of("allowed_client_ids", "*", "algorithm", "RS256"));
        root.logical()
                .write(
                        "identity/oidc/role/web",
                        Map.of("key", "k", "ttl", "30m", "template", "{\"groups\": {{identity.entity.groups.names}}}"));
        clientId = root.logical()
                .read("identity/oidc/role/web")
                .orElseThrow()
                .data()
                .get("client_id")
                .asText();
        aliceId = vault.createEntity("alice");
        bobId = vault.createEntity("bob");
        serviceId = vault.createEntity("orders-service");
        // The emulator enforces ACLs as Vault does: the service may mint its own ID tokens, nothing more.
        vault.writePolicy("orders-service", "path \"identity/oidc/token/web\" { capabilities = [\"read\"] }");
        serviceToken = vault.createToken(serviceId, "orders-service");
        root.logical()
                .write("identity/group", Map.of("name", "payments-admins", "member_entity_ids", List.of(aliceId)));
    }

    static VaultFixture start() {
        return new VaultFixture();
    }

    String address() {
        return vault.address();
    }

    /** An ID token of role {@code web} for the entity named {@code entityName}. */
    String idToken(String entityName) {
        return vault.issueIdToken(entityName, "web");
    }

    /** Vault's discovery and key endpoints answer 503, as while Vault is sealed or failing over. */
    void keysDown() {
        vault.faults().status("identity/oidc/.well-known/**", 503);
    }

    void keysUp() {
        vault.faults().clear();
    }
}
