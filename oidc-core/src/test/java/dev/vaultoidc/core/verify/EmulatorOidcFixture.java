package dev.vaultoidc.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the emulator's identity OIDC engine over HTTP as an operator and a workload would: named keys, roles,
 * rotation, and ID tokens minted with an entity's token (a root token has no entity and cannot mint).
 */
final class EmulatorOidcFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VaultEmulator vault;
    private final HttpClient http = HttpClient.newHttpClient();
    final String entityId;
    private final String entityToken;

    EmulatorOidcFixture(VaultEmulator vault, String entityName) {
        this.vault = vault;
        this.entityId = vault.createEntity(entityName);
        // Long-lived so that moving the emulator clock by days does not log the workload out.
        this.entityToken = vault.createToken(entityId, Duration.ofDays(3650));
    }

    String issuer() {
        return vault.address() + "/v1/identity/oidc";
    }

    void key(String name, Map<String, Object> body) {
        call("POST", "identity/oidc/key/" + name, vault.rootToken(), body);
    }

    /** Creates a role; returns its client_id (the audience of its tokens). */
    String role(String name, Map<String, Object> body) {
        call("POST", "identity/oidc/role/" + name, vault.rootToken(), body);
        return call("GET", "identity/oidc/role/" + name, vault.rootToken(), null).get("data").get("client_id").asText();
    }

    void rotate(String key, Map<String, Object> body) {
        call("POST", "identity/oidc/key/" + key + "/rotate", vault.rootToken(), body);
    }

    /** Creates a group with this fixture's entity as its member. */
    void group(String name) {
        call("POST", "identity/group", vault.rootToken(), Map.of("name", name, "member_entity_ids", List.of(entityId)));
    }

    String mint(String role) {
        return call("GET", "identity/oidc/token/" + role, entityToken, null).get("data").get("token").asText();
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
        JsonNode keys = call("GET", "identity/oidc/.well-known/keys", null, null).get("keys");
        List<String> kids = new ArrayList<>();
        keys.forEach(k -> kids.add(k.get("kid").asText()));
        return kids;
    }

    static String kidOf(String token) {
        try {
            String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    java.nio.charset.StandardCharsets.UTF_8);
            return JSON.readTree(header).get("kid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode call(String method, String path, String token, Map<String, ?> body) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                req.header("X-Vault-Token", token);
            }
            HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + resp.statusCode() + " " + resp.body());
            }
            return resp.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
