package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared set-up of the OIDC provider tests, written once for the emulator and OpenBao: a root client, unique
 * names (an OpenBao dev server cannot be reset between tests) and end users with an entity.
 */
final class ProviderFixture {

    private static final AtomicInteger SEQ = new AtomicInteger();

    /** An end user's Vault token and the entity behind it. */
    record User(String token, String entityId) {
        @Override
        public String toString() {
            return "User[entityId=" + entityId + "]";
        }
    }

    private ProviderFixture() {}

    static VaultClient root(TestServer server) {
        return VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.token(server.rootToken()))
                .build();
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /**
     * A token with a new entity, made the way both servers support: a token role allowing entity aliases, and
     * {@code auth/token/create/:role} with a fresh {@code entity_alias} (spec §10), which creates the entity.
     */
    static User user(VaultClient root) {
        root.logical()
                .write(
                        "auth/token/roles/oidc-users",
                        Map.of("allowed_entity_aliases", List.of("*"), "orphan", true),
                        true);
        JsonNode auth = root.logical()
                .write(
                        "auth/token/create/oidc-users",
                        Map.of("entity_alias", unique("user"), "policies", List.of("default")))
                .orElseThrow()
                .auth();
        return new User(auth.get("client_token").asText(), auth.get("entity_id").asText());
    }
}
