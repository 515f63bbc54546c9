package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.RetryPolicy;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the emulator's identity OIDC engine through the library's own client, as an operator and a workload
 * would: named keys, roles, rotation, and ID tokens minted with an entity's token (a root token has no entity
 * and cannot mint).
 */
final class EmulatorOidcFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String issuer;
    private final VaultClient root;
    private final VaultClient workload;
    final String entityId;

    EmulatorOidcFixture(VaultEmulator vault, String entityName) {
        this.issuer = vault.address() + "/v1/identity/oidc";
        this.entityId = vault.createEntity(entityName);
        this.root = VaultClient.builder()
                .address(vault.address())
                .auth(VaultAuth.token(vault.rootToken()))
                .retryPolicy(RetryPolicy.none())
                .build();
        // The emulator enforces ACLs: minting needs read on identity/oidc/token/<role>, as on Vault.
        vault.writePolicy("oidc-workload", "path \"identity/oidc/token/*\" { capabilities = [\"read\"] }");
        // Long-lived so that moving the emulator clock by days does not log the workload out.
        this.workload = VaultClient.builder()
                .address(vault.address())
                .auth(VaultAuth.token(vault.createToken(entityId, Duration.ofDays(3650), "oidc-workload")))
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    /** On either server, over HTTP only; the workload's token is bound to the entity through a token role. */
    EmulatorOidcFixture(Sandbox sandbox, String entityName) {
        String ns = sandbox.namespace() == null ? "" : sandbox.namespace() + "/";
        this.issuer = sandbox.server().address() + "/v1/" + ns + "identity/oidc";
        this.root = sandbox.builder()
                .auth(VaultAuth.token(sandbox.server().rootToken()))
                .retryPolicy(RetryPolicy.none())
                .build();
        this.entityId = sandbox.createEntity(entityName);
        sandbox.writePolicy("oidc-workload", dev.vaultoidc.core.oidc.OidcFixture.WORKLOAD_POLICY);
        this.workload = sandbox.builder()
                .auth(VaultAuth.token(sandbox.createEntityToken(entityId, entityName, "oidc-workload")))
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    String issuer() {
        return issuer;
    }

    void key(String name, Map<String, Object> body) {
        root.logical().write("identity/oidc/key/" + name, body);
    }

    /** Creates a role; returns its client_id (the audience of its tokens). */
    String role(String name, Map<String, Object> body) {
        root.logical().write("identity/oidc/role/" + name, body);
        return root.identity().oidc().readRole(name).orElseThrow().clientId();
    }

    void rotate(String key, Map<String, Object> body) {
        root.logical().write("identity/oidc/key/" + key + "/rotate", body);
    }

    /** Creates a group with this fixture's entity as its member. */
    void group(String name) {
        root.identity()
                .groups()
                .createOrUpdate(GroupRequest.builder()
                        .name(name)
                        .memberEntityIds(entityId)
                        .build());
    }

    String mint(String role) {
        return workload.identity().oidc().generateToken(role).token();
    }

    List<String> mint(String role, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(mint(role));
        }
        return out;
    }

    /** The kids the emulator publishes now. */
    List<String> publishedKids() {
        List<String> kids = new ArrayList<>();
        root.identity().oidc().readJwks().getKeys().forEach(k -> kids.add(k.getKeyID()));
        return kids;
    }

    static String kidOf(String token) {
        try {
            String header = new String(
                    java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    java.nio.charset.StandardCharsets.UTF_8);
            return JSON.readTree(header).get("kid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
