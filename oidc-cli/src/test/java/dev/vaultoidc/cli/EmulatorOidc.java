package dev.vaultoidc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Sets up an OIDC key and role on the emulator over HTTP and mints ID tokens as an AppRole workload would. */
final class EmulatorOidc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VaultEmulator vault;
    private final HttpClient http = HttpClient.newHttpClient();
    private String workloadToken;

    EmulatorOidc(VaultEmulator vault) {
        this.vault = vault;
    }

    String issuer() {
        return vault.address() + "/v1/identity/oidc";
    }

    /** Creates key {@code k} (any client) and role {@code r}; returns the role's client_id. */
    String createRole() {
        call("POST", "identity/oidc/key/k", vault.rootToken(), Map.of("allowed_client_ids", "*"));
        call("POST", "identity/oidc/role/r", vault.rootToken(), Map.of("key", "k", "ttl", "30m"));
        return call("GET", "identity/oidc/role/r", vault.rootToken(), null).get("data").get("client_id").asText();
    }

    /** An ID token for role {@code r}, minted by a workload logged in with AppRole (a root token has no entity). */
    String mint() {
        if (workloadToken == null) {
            vault.enableAuth("approle");
            call("POST", "auth/approle/role/web", vault.rootToken(), Map.of("token_ttl", "1h"));
            String roleId = call("GET", "auth/approle/role/web/role-id", vault.rootToken(), null)
                    .get("data").get("role_id").asText();
            String secretId = call("POST", "auth/approle/role/web/secret-id", vault.rootToken(), Map.of())
                    .get("data").get("secret_id").asText();
            workloadToken = call("POST", "auth/approle/login", null, Map.of("role_id", roleId, "secret_id", secretId))
                    .get("auth").get("client_token").asText();
        }
        return call("GET", "identity/oidc/token/r", workloadToken, null).get("data").get("token").asText();
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
