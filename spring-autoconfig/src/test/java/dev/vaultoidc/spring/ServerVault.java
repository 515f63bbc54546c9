package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.identity.EntityAliasRequest;
import dev.vaultoidc.core.identity.EntityRequest;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One prepared server (the emulator or OpenBao) for the module's Spring tests, set up once per server through
 * HTTP only, as an operator would. It has an OIDC key and two roles: {@code web} (the audience the apps accept,
 * with a {@code groups} claim from the entity's groups) and {@code other} (a different audience). Entities:
 * alice, a member of the group {@code payments-admins}; bob, in no group; the service under test, with its own
 * Vault token. Tokens bound to an entity come from a token role with {@code entity_alias}, Vault's own way; they
 * carry the ACL policy {@value #POLICY}, which OpenBao enforces (the emulator has no policy endpoint).
 */
final class ServerVault {
    private static final Map<TestServer, ServerVault> PREPARED = new ConcurrentHashMap<>();
    /** What the test tokens may do beyond the default policy: mint, read entities by name, introspect. */
    static final String POLICY = "vault-oidc-spring-test";

    private static final String TOKEN_ROLE = "vault-oidc-spring-test";

    final TestServer server;
    final String webClientId;
    final String aliceId;
    final String bobId;
    /** The entity of the service under test, and the Vault token it logs in with (its own ID tokens name it). */
    final String serviceId;

    final String serviceToken;
    private final String tokenAccessor;

    /** The prepared server; prepared on first use. */
    static ServerVault of(TestServer server) {
        return PREPARED.computeIfAbsent(server, ServerVault::new);
    }

    private ServerVault(TestServer server) {
        this.server = server;
        VaultClient root = rootClient();
        // Both servers enforce ACL policies, so the service token needs this policy on each.
        root.logical().write("sys/policies/acl/" + POLICY, Map.of("policy", """
                path "identity/oidc/token/*" { capabilities = ["read"] }
                path "identity/entity/name/*" { capabilities = ["read"] }
                path "identity/oidc/introspect" { capabilities = ["update"] }
                """));
        root.logical()
                .write(
                        "auth/token/roles/" + TOKEN_ROLE,
                        Map.of(
                                "allowed_entity_aliases",
                                List.of("*"),
                                "allowed_policies",
                                List.of(POLICY),
                                "orphan",
                                true));
        tokenAccessor = root.logical()
                .read("sys/auth")
                .orElseThrow()
                .data()
                .get("token/")
                .get("accessor")
                .asText();
        root.logical().write("identity/oidc/key/k", Map.of("allowed_client_ids", "*", "algorithm", "RS256"));
        root.logical()
                .write(
                        "identity/oidc/role/web",
                        Map.of("key", "k", "ttl", "30m", "template", "{\"groups\": {{identity.entity.groups.names}}}"));
        root.logical().write("identity/oidc/role/other", Map.of("key", "k", "ttl", "30m"));
        webClientId = root.logical()
                .read("identity/oidc/role/web")
                .orElseThrow()
                .data()
                .get("client_id")
                .asText();
        aliceId = createEntity("alice");
        bobId = createEntity("bob");
        serviceId = createEntity("orders-service");
        serviceToken = tokenFor("orders-service");
        root.logical()
                .write("identity/group", Map.of("name", "payments-admins", "member_entity_ids", List.of(aliceId)));
    }

    String address() {
        return server.address();
    }

    VaultClient rootClient() {
        return VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.token(server.rootToken()))
                .build();
    }

    /** Creates entity {@code name} with an alias of the same name on the token mount; returns its id. */
    String createEntity(String name) {
        VaultClient root = rootClient();
        String id = root.identity()
                .entities()
                .createOrUpdate(EntityRequest.builder().name(name).build())
                .orElseThrow()
                .id();
        root.identity()
                .entityAliases()
                .createOrUpdate(EntityAliasRequest.builder()
                        .name(name)
                        .canonicalId(id)
                        .mountAccessor(tokenAccessor)
                        .build());
        return id;
    }

    /** A new Vault token bound to the entity named {@code entityName} (made by {@link #createEntity}). */
    String tokenFor(String entityName) {
        return rootClient()
                .logical()
                .write(
                        "auth/token/create/" + TOKEN_ROLE,
                        Map.of("entity_alias", entityName, "policies", List.of(POLICY)))
                .orElseThrow()
                .auth()
                .get("client_token")
                .asText();
    }

    /** An ID token for the entity named {@code entityName} from {@code role}, minted with the entity's own token. */
    String idToken(String entityName, String role) {
        VaultClient asEntity = VaultClient.builder()
                .address(server.address())
                .auth(VaultAuth.token(tokenFor(entityName)))
                .build();
        return asEntity.logical()
                .read("identity/oidc/token/" + role)
                .orElseThrow()
                .data()
                .get("token")
                .asText();
    }
}
