package dev.vaultoidc.servlet;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepares a server (the emulator or OpenBao) as an operator would, through HTTP only: a signing key, a role
 * {@code api} whose template puts the entity's group names in {@code groups}, a role {@code other} (another
 * audience), an AppRole workload whose tokens may mint them (an ACL policy: OpenBao enforces it) and that belongs
 * to the group {@code admins}. Then mints real ID tokens through the library's own client.
 *
 * <p>A server is prepared once ({@link #of}): OpenBao cannot be reset, and the names are fixed.
 */
final class VaultFixture {
    private static final Map<TestServer, VaultFixture> PREPARED = new ConcurrentHashMap<>();
    static final String POLICY = "vault-oidc-filter-test";

    final TestServer server;
    final String apiClientId;
    final String entityId;
    private final Clock clock;
    private final VaultClient workload;

    /** The fixture of {@code server}, prepared on first use, on the system clock. */
    static VaultFixture of(TestServer server) {
        return PREPARED.computeIfAbsent(server, s -> new VaultFixture(s, Clock.systemUTC()));
    }

    /** A fixture on {@code clock}: the emulator's, for the emulator-only tests that move time. */
    VaultFixture(TestServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        VaultClient root = VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.token(server.rootToken()))
                .clock(clock)
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
        oidc.writeRole(
                "other",
                RoleRequest.builder().key("k").ttl(Duration.ofMinutes(10)).build());
        apiClientId = oidc.readRole("api").orElseThrow().clientId();

        // The default policy does not let a token mint ID tokens: a real Vault answers 403 without this.
        writePolicy(root, server, POLICY, "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }\n");
        root.logical().write("sys/auth/approle", Map.of("type", "approle"));
        root.logical().write("auth/approle/role/web", Map.of("token_ttl", "1h", "token_policies", List.of(POLICY)));
        String roleId = root.logical()
                .read("auth/approle/role/web/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = root.logical()
                .write("auth/approle/role/web/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        workload = VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.appRole(roleId, secretId))
                .clock(clock)
                .build();
        entityId = workload.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();
        root.identity()
                .groups()
                .createOrUpdate(GroupRequest.builder()
                        .name("admins")
                        .memberEntityIds(entityId)
                        .build());
    }

    /** Writes an ACL policy: both servers enforce policies, so a non-root token needs the same one on each. */
    static void writePolicy(VaultClient root, TestServer server, String name, String hcl) {
        root.logical().write("sys/policies/acl/" + name, Map.of("policy", hcl));
    }

    /** A fresh ID token of {@code role}, minted by the workload. */
    String mint(String role) {
        return workload.identity().oidc().generateToken(role).token();
    }

    /** A verifier for role {@code api}, on the fixture's clock. */
    TokenVerifier verifier() {
        return TokenVerifier.builder()
                .vaultAddress(server.address())
                .audiences(apiClientId)
                .clock(clock)
                .build();
    }
}
