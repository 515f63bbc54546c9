package dev.vaultoidc.core.oidc;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Clients for the emulator or OpenBao: an admin with the root token, and workloads logged in through AppRole (a
 * root token has no entity, so it cannot mint ID tokens). No retries, so each attempt is one counted request.
 */
public final class OidcFixture {

    /** What a workload needs on a server that enforces ACLs (OpenBao); {@code default} grants neither. */
    public static final String WORKLOAD_POLICY = """
            path "identity/oidc/token/*" { capabilities = ["read"] }
            path "identity/oidc/introspect" { capabilities = ["update"] }
            """;

    public final Sandbox sandbox;
    /** The emulator, or null on OpenBao: only for emulator-only controls (clock, faults). */
    public final VaultEmulator vault;

    public final Clock clock;
    public final VaultClient root;
    public final OidcAdmin admin;

    public OidcFixture(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.vault = sandbox.server().isEmulator() ? sandbox.server().emulator() : null;
        this.clock = vault != null ? vault.clock() : Clock.systemUTC();
        this.root = client(VaultAuth.token(sandbox.server().rootToken()));
        this.admin = root.identity().oidc();
    }

    /** For emulator-only tests: the emulator's root namespace, not reset. */
    public OidcFixture(VaultEmulator vault) {
        this(Sandbox.rootOf(TestServer.of(vault)));
    }

    /** The issuer the server puts in tokens when none is configured. */
    public String defaultIssuer() {
        return sandbox.server().address() + issuerPath();
    }

    /** What follows the configured issuer: {@code /v1/identity/oidc}, with the namespace path in a namespace. */
    public String issuerPath() {
        String ns = sandbox.namespace() == null ? "" : sandbox.namespace() + "/";
        return "/v1/" + ns + "identity/oidc";
    }

    public VaultClient client(VaultAuth auth) {
        return sandbox.builder()
                .auth(auth)
                .retryPolicy(RetryPolicy.none())
                .clock(clock)
                .build();
    }

    /**
     * A workload logged in with AppRole role {@code name}; its token has an entity and the policy
     * {@code oidc-workload} ({@link #WORKLOAD_POLICY}), since both servers enforce ACLs.
     */
    public VaultClient workload(String name) {
        if (root.logical().read("sys/auth").map(r -> r.data().has("approle/")).orElse(false) == Boolean.FALSE) {
            sandbox.enableAuth("approle");
            sandbox.writePolicy("oidc-workload", WORKLOAD_POLICY);
        }
        root.logical()
                .write(
                        "auth/approle/role/" + name,
                        Map.of("token_ttl", "24h", "token_policies", List.of("oidc-workload")));
        String roleId = root.logical()
                .read("auth/approle/role/" + name + "/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = root.logical()
                .write("auth/approle/role/" + name + "/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        return client(VaultAuth.appRole(roleId, secretId));
    }

    /** The entity id behind a workload's token. */
    public String entityId(VaultClient workload) {
        return workload.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();
    }

    /** A key usable by every role, and a role on it. */
    public String keyAndRole(String name, OidcAdmin.KeyAlgorithm alg, java.time.Duration ttl) {
        admin.writeKey(
                name,
                NamedKeyRequest.builder().algorithm(alg).allowedClientIds("*").build());
        admin.writeRole(name, RoleRequest.builder().key(name).ttl(ttl).build());
        return name;
    }
}
