package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.identity.EntityRequest;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.emulator.VaultEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's "Administer identity" snippet, with exactly the imports the README shows, compiled and run against
 * the emulator: a user pasting it gets code that compiles (the issue found NamedKeyRequest/RoleRequest imports
 * missing) and works. Keep the body in step with README.md.
 */
class ReadmeAdminSnippetTest {

    @Test
    void adminSnippetCompilesAndRuns() {
        try (VaultEmulator emulator = VaultEmulator.builder().build().start()) {
            VaultClient vault = VaultClient.builder()
                    .address(emulator.address())
                    .auth(VaultAuth.token(emulator.rootToken()))
                    .build();

            // --- README.md, "Administer identity" ---
            IdentityOperations identity = vault.identity();
            String entityId = identity.entities()
                    .createOrUpdate(EntityRequest.builder()
                            .name("orders")
                            .policies("orders-read")
                            .build())
                    .orElseThrow()
                    .id();
            identity.groups()
                    .createOrUpdate(GroupRequest.builder()
                            .name("billing")
                            .memberEntityIds(entityId)
                            .build());
            identity.oidc()
                    .writeKey(
                            "services",
                            NamedKeyRequest.builder().allowedClientIds("*").build());
            identity.oidc()
                    .writeRole(
                            "orders",
                            RoleRequest.builder()
                                    .key("services")
                                    .template("{\"groups\": {{identity.entity.groups.names}}}")
                                    .ttl(Duration.ofMinutes(15))
                                    .build());
            identity.oidc().rotateKey("services");
            // --- end ---

            assertThat(identity.oidc().readRole("orders")).isPresent();
            assertThat(identity.groups().readByName("billing"))
                    .hasValueSatisfying(g -> assertThat(g.memberEntityIds()).containsExactly(entityId));
        }
    }
}
