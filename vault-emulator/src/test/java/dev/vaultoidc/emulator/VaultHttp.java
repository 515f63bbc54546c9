package dev.vaultoidc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** A tiny Vault client for tests: real HTTP, JSON in and out. */
final class VaultHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final VaultEmulator vault;
    private String token;

    VaultHttp(VaultEmulator vault) {
        this.vault = vault;
        this.token = vault.rootToken();
    }

    VaultHttp as(String token) {
        VaultHttp other = new VaultHttp(vault);
        other.token = token;
        return other;
    }

    record Resp(int status, HttpResponse<String> raw, JsonNode json) {
        JsonNode data() {
            return json.get("data");
        }

        List<String> errors() {
            return JSON.convertValue(
                    json.get("errors"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        }

        String error() {
            List<String> e = errors();
            return e.isEmpty() ? null : e.get(0);
        }

        List<String> warnings() {
            JsonNode w = json.get("warnings");
            return w == null || w.isNull()
                    ? List.of()
                    : JSON.convertValue(w, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    Resp get(String path) {
        return send("GET", path, null);
    }

    Resp list(String path) {
        return send("LIST", path, null);
    }

    Resp delete(String path) {
        return send("DELETE", path, null);
    }

    Resp post(String path, Object body) {
        return send("POST", path, body);
    }

    /** {@code body} is a Map (serialised as JSON), a String (sent as is) or null. */
    Resp send(String method, String path, Object body) {
        String json;
        try {
            json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-Vault-Token", token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return exchange(b.build());
    }

    static Resp exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Resp(r.statusCode(), r, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Resolves a {@link VaultHttp} on the class's {@link VaultEmulatorExtension} emulator. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == VaultHttp.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return new VaultHttp(VaultEmulatorExtension.started(context)
                    .orElseThrow(
                            () -> new ParameterResolutionException("VaultHttp needs VaultEmulatorExtension first")));
        }
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
