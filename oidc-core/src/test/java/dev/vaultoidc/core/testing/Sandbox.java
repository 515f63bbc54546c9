package dev.vaultoidc.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clean place to run one {@code @BothServers} test body: the emulator after a reset, or a fresh
 * OpenBao namespace. An OpenBao dev server cannot be reset and its root namespace is not empty
 * (it holds the entity of its own root login), so each test gets a namespace of its own and its
 * "list is exactly..." assertions hold on both servers. Every seed step goes over HTTP, so the
 * same calls prepare both servers.
 */
public final class Sandbox {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestServer server;
    private final String namespace;
    private final String namespaceId;
    private final VaultClient root;

    private Sandbox(TestServer server, String namespace, String namespaceId) {
        this.server = server;
        this.namespace = namespace;
        this.namespaceId = namespaceId;
        this.root = builder().auth(VaultAuth.token(server.rootToken())).build();
    }

    /** Resets the emulator, or creates a new namespace on OpenBao. */
    public static Sandbox open(TestServer server) {
        if (server.isEmulator()) {
            server.emulator().reset();
            return new Sandbox(server, null, "root");
        }
        return openNamespace(server);
    }

    /** The server's root namespace as it is (no reset): for tests that use unique names instead. */
    public static Sandbox rootOf(TestServer server) {
        return new Sandbox(server, null, "root");
    }

    /** A new OpenBao namespace (OpenBao has namespaces since 2.3; the emulator has only root). */
    public static Sandbox openNamespace(TestServer server) {
        String name = "t" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        VaultClient top = VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.token(server.rootToken()))
                .build();
        JsonNode created = top.logical()
                .write("sys/namespaces/" + name, Map.of())
                .orElseThrow()
                .data();
        return new Sandbox(server, name, created.get("id").asText());
    }

    /** The server this sandbox is on. */
    public TestServer server() {
        return server;
    }

    /** The namespace path, or null for the root namespace. */
    public String namespace() {
        return namespace;
    }

    /** What Vault reports as {@code namespace_id}: {@code root}, or the namespace's short id. */
    public String namespaceId() {
        return namespaceId;
    }

    /** A client builder for this sandbox: the server's address and the namespace, no auth. */
    public VaultClient.Builder builder() {
        return VaultClient.builder().address(server.address()).namespace(namespace);
    }

    /** A client holding the root token, in this sandbox's namespace. */
    public VaultClient root() {
        return root;
    }

    /** Root's logical operations in this sandbox. */
    public VaultOperations logical() {
        return root.logical();
    }

    /** Enables an auth method at {@code <type>/} over HTTP; returns its mount accessor. */
    public String enableAuth(String type) {
        return enableAuth(type, type);
    }

    /** Enables an auth method of {@code type} at {@code path}; returns its mount accessor. */
    public String enableAuth(String path, String type) {
        logical().write("sys/auth/" + path, Map.of("type", type));
        return accessor(path);
    }

    /** The accessor of the auth mount at {@code path} (e.g. {@code token}). */
    public String accessor(String path) {
        return logical()
                .read("sys/auth")
                .orElseThrow()
                .data()
                .get(path + "/")
                .get("accessor")
                .asText();
    }

    /** Creates an entity with {@code name}; returns its ID. */
    public String createEntity(String name) {
        return logical()
                .write("identity/entity", Map.of("name", name))
                .orElseThrow()
                .data()
                .get("id")
                .asText();
    }

    /** Creates an entity alias; returns its ID. */
    public String createEntityAlias(String entityId, String mountAccessor, String aliasName) {
        return logical()
                .write(
                        "identity/entity-alias",
                        Map.of("canonical_id", entityId, "mount_accessor", mountAccessor, "name", aliasName))
                .orElseThrow()
                .data()
                .get("id")
                .asText();
    }

    /**
     * A service token bound to {@code entityId} with {@code policies} (and {@code default}), made the
     * way Vault allows it over HTTP: an alias on the token mount and a token role allowing it.
     */
    public String createEntityToken(String entityId, String aliasName, String... policies) {
        createEntityAlias(entityId, accessor("token"), aliasName);
        String role = "bind-" + aliasName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        logical()
                .write(
                        "auth/token/roles/" + role,
                        Map.of(
                                "allowed_entity_aliases",
                                List.of(aliasName),
                                "orphan",
                                true,
                                "allowed_policies",
                                List.of(policies)));
        return logical()
                .write("auth/token/create/" + role, Map.of("entity_alias", aliasName, "policies", List.of(policies)))
                .orElseThrow()
                .auth()
                .get("client_token")
                .asText();
    }

    /**
     * Writes an ACL policy. Both servers enforce policies, so a non-root token needs the same one on each.
     */
    public void writePolicy(String name, String hcl) {
        logical().write("sys/policy/" + name, Map.of("policy", hcl));
    }

    @Override
    public String toString() {
        return server + (namespace == null ? "" : " ns " + namespace);
    }
}
