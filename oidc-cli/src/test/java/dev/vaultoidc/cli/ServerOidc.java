package dev.vaultoidc.cli;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets up an OIDC key and role on a server (the emulator or OpenBao) and mints ID tokens as an AppRole workload
 * would, through HTTP only. One per server ({@link #of}): OpenBao cannot be reset, and the names are fixed.
 */
final class ServerOidc {
    private static final Map<TestServer, ServerOidc> PREPARED = new ConcurrentHashMap<>();
    private static final String POLICY = "vault-oidc-cli-test";

    private final TestServer server;
    private final VaultClient root;
    private VaultClient workload;

    ServerOidc(TestServer server) {
        this.server = server;
        this.root = VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.token(server.rootToken()))
                .build();
    }

    /** The server's instance, so the AppRole mount is enabled once. */
    static ServerOidc of(TestServer server) {
        return PREPARED.computeIfAbsent(server, ServerOidc::new);
    }

    String address() {
        return server.address();
    }

    String issuer() {
        return server.address() + "/v1/identity/oidc";
    }

    /** Creates (or rewrites) key {@code k} (any client) and role {@code r}; returns the role's client_id. */
    String createRole() {
        root.identity()
                .oidc()
                .writeKey("k", NamedKeyRequest.builder().allowedClientIds("*").build());
        root.identity()
                .oidc()
                .writeRole(
                        "r",
                        RoleRequest.builder()
                                .key("k")
                                .ttl(Duration.ofMinutes(30))
                                .build());
        return root.identity().oidc().readRole("r").orElseThrow().clientId();
    }

    /** An ID token for role {@code r}, minted by a workload logged in with AppRole (a root token has no entity). */
    synchronized String mint() {
        if (workload == null) {
            // Neither server's default policy allows minting: the workload gets a policy on both.
            root.logical()
                    .write(
                            "sys/policies/acl/" + POLICY,
                            Map.of("policy", "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }\n"));
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
                    .build();
        }
        return workload.identity().oidc().generateToken("r").token();
    }
}
