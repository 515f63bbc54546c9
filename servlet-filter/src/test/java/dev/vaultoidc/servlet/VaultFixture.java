package dev.vaultoidc.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prepares the emulator as an operator would: a signing key, a role {@code api} whose template puts the
 * entity's group names in {@code groups}, a role {@code other} (another audience), an AppRole workload that
 * belongs to the group {@code admins}. Then mints real ID tokens over HTTP.
 */
final class VaultFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    final VaultEmulator vault;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String apiClientId;
    final String entityId;
    private final String workloadToken;

    VaultFixture(VaultEmulator vault) {
        this.vault = vault;
        vault.reset();
        call("POST", "identity/oidc/key/k", vault.rootToken(), Map.of("allowed_client_ids", "*"));
        call("POST", "identity/oidc/role/api", vault.rootToken(), Map.of("key", "k", "ttl", "10m",
                "template", "{\"groups\": {{identity.entity.groups.names}}}"));
        call("POST", "identity/oidc/role/other", vault.rootToken(), Map.of("key", "k", "ttl", "10m"));
        apiClientId = call("GET", "identity/oidc/role/api", vault.rootToken(), null).get("data").get("client_id").asText();

        vault.enableAuth("approle");
        call("POST", "auth/approle/role/web", vault.rootToken(), Map.of("token_ttl", "1h"));
        String roleId = call("GET", "auth/approle/role/web/role-id", vault.rootToken(), null)
                .get("data").get("role_id").asText();
        String secretId = call("POST", "auth/approle/role/web/secret-id", vault.rootToken(), Map.of())
                .get("data").get("secret_id").asText();
        JsonNode auth = call("POST", "auth/approle/login", null, Map.of("role_id", roleId, "secret_id", secretId))
                .get("auth");
        workloadToken = auth.get("client_token").asText();
        entityId = auth.get("entity_id").asText();
        call("POST", "identity/group", vault.rootToken(),
                Map.of("name", "admins", "member_entity_ids", List.of(entityId)));
    }

    /** A fresh ID token of {@code role}, minted by the workload. */
    String mint(String role) {
        return call("GET", "identity/oidc/token/" + role, workloadToken, null).get("data").get("token").asText();
    }

    /** A verifier for role {@code api}, on the emulator's clock so tests can move time. */
    TokenVerifier verifier() {
        return TokenVerifier.builder().vaultAddress(vault.address()).audiences(apiClientId).clock(vault.clock())
                .build();
    }

    private JsonNode call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + path))
                    .timeout(Duration.ofSeconds(10));
            if (token != null) {
                b.header("X-Vault-Token", token);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
