package dev.vaultoidc.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import dev.vaultoidc.core.http.VaultResponse;
import dev.vaultoidc.core.internal.json.VaultJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link VaultOperations} over an OkHttp client that already carries the interceptor chain. */
final class OkHttpVaultOperations implements VaultOperations {

    private static final Logger log = LoggerFactory.getLogger(OkHttpVaultOperations.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl base;
    private final ListMode listMode;

    OkHttpVaultOperations(OkHttpClient client, HttpUrl base, ListMode listMode) {
        this.client = client;
        this.base = base;
        this.listMode = listMode;
    }

    /** The status and buffered body of a completed exchange. */
    private record Exchange(String method, String path, int status, byte[] body) {
        boolean hasBody() {
            return body.length > 0 && !new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank();
        }
    }

    @Override
    public Optional<VaultResponse> read(String path) {
        return read(path, Map.of());
    }

    @Override
    public Optional<VaultResponse> read(String path, Map<String, String> query) {
        Exchange ex = execute("GET", path, query, null, true);
        if (isAbsent(ex) || ex.status() == 204) {
            return Optional.empty();
        }
        return Optional.of(envelope(requireSuccess(ex)));
    }

    @Override
    public Optional<VaultResponse> write(String path, Object body) {
        return write(path, body, false);
    }

    @Override
    public Optional<VaultResponse> write(String path, Object body, boolean idempotent) {
        Exchange ex = requireSuccess(execute("POST", path, Map.of(), body == null ? Map.of() : body, idempotent));
        return ex.hasBody() ? Optional.of(envelope(ex)) : Optional.empty();
    }

    @Override
    public VaultResponse list(String path) {
        return list(path, listMode);
    }

    @Override
    public VaultResponse list(String path, ListMode mode) {
        Exchange ex = java.util.Objects.requireNonNull(mode, "mode") == ListMode.LIST_VERB
                ? execute("LIST", path, Map.of(), null, true)
                : execute("GET", path, Map.of("list", "true"), null, true);
        if (isAbsent(ex)) {
            // Vault answers an empty list with 404 {"errors":[]} (spec §1.8): to the caller it is just empty.
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.putArray("keys");
            return new VaultResponse(null, "", false, 0, data, List.of(), null, null);
        }
        return envelope(requireSuccess(ex));
    }

    @Override
    public void delete(String path) {
        Exchange ex = execute("DELETE", path, Map.of(), null, true);
        if (isAbsent(ex)) {
            return; // already gone: the caller's intent holds
        }
        requireSuccess(ex);
    }

    @Override
    public JsonNode readRaw(String path) {
        return raw(requireSuccess(execute("GET", path, Map.of(), null, true)));
    }

    @Override
    public JsonNode writeRaw(String path, Object body) {
        return raw(requireSuccess(execute("POST", path, Map.of(), body == null ? Map.of() : body, true)));
    }

    private Exchange execute(
            String method, String rawPath, Map<String, String> query, Object body, boolean idempotent) {
        String path = normalise(rawPath);
        HttpUrl.Builder url = base.newBuilder().addPathSegments(path);
        query.forEach(url::addQueryParameter);
        RequestBody requestBody = body == null ? null : jsonBody(method, path, body, idempotent);
        Request request = new Request.Builder()
                .url(url.build())
                .method(method, requestBody)
                .tag(CallInfo.class, new CallInfo(method, path, idempotent))
                .build();
        log.debug("{} {}", method, path);
        Call call = client.newCall(request);
        try (Response response = call.execute()) {
            return new Exchange(method, path, response.code(), response.body().bytes());
        } catch (IOException e) {
            throw transportFailure(method, path, e);
        }
    }

    private static RequestBody jsonBody(String method, String path, Object body, boolean idempotent) {
        byte[] bytes;
        try {
            bytes = VaultJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // No cause: Jackson's message could quote a field value, which may be a secret.
            throw new IllegalArgumentException("request body for " + method + " " + path
                    + " cannot be serialised as JSON: " + body.getClass().getName());
        }
        if (idempotent) {
            return RequestBody.create(bytes, JSON);
        }
        // One-shot bodies stop OkHttp from silently re-sending a non-idempotent write after a
        // connection failure (it does so for replayable bodies when retryOnConnectionFailure is on).
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes);
            }
        };
    }

    static String normalise(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.contains("?") || p.contains("#")) {
            throw new IllegalArgumentException("path must not contain a query or fragment; use read(path, query)");
        }
        return p;
    }

    private static VaultException transportFailure(String method, String path, IOException e) {
        if (e instanceof BodyReadException bre) {
            Throwable cause = bre.getCause();
            if (cause instanceof SocketTimeoutException || isTimeout(cause)) {
                return new VaultException(
                        VaultErrorReason.TIMEOUT,
                        bre.status(),
                        List.of(),
                        method,
                        path,
                        null,
                        "timed out reading the response body",
                        e);
            }
            return new VaultException(
                    VaultErrorReason.MALFORMED_RESPONSE,
                    bre.status(),
                    List.of(),
                    method,
                    path,
                    null,
                    "response body truncated or unreadable",
                    e);
        }
        if (isTimeout(e)) {
            return new VaultException(VaultErrorReason.TIMEOUT, 0, List.of(), method, path, null, "timed out", e);
        }
        if (e instanceof SSLException) {
            return new VaultException(
                    VaultErrorReason.TLS_FAILURE,
                    0,
                    List.of(),
                    method,
                    path,
                    null,
                    "TLS handshake failed: " + e.getClass().getSimpleName(),
                    e);
        }
        return new VaultException(
                VaultErrorReason.CONNECTION_FAILURE,
                0,
                List.of(),
                method,
                path,
                null,
                e.getClass().getSimpleName(),
                e);
    }

    private static boolean isTimeout(Throwable e) {
        // OkHttp signals its call timeout as InterruptedIOException("timeout"), socket timeouts as a subclass.
        return e instanceof SocketTimeoutException
                || e instanceof InterruptedIOException && "timeout".equals(e.getMessage());
    }

    private static Exchange requireSuccess(Exchange ex) {
        if (ex.status() >= 200 && ex.status() < 300) {
            return ex;
        }
        JsonNode errorBody = parseQuietly(ex);
        List<String> errors = errorsOf(errorBody);
        JsonNode data = errorBody == null
                        || errorBody.path("data").isNull()
                        || errorBody.path("data").isMissingNode()
                ? null
                : errorBody.get("data");
        throw new VaultException(
                VaultErrorReason.forStatus(ex.status()), ex.status(), errors, ex.method(), ex.path(), data, null, null);
    }

    /**
     * Vault's "nothing here" answer: 404 with {@code {"errors":[]}} (spec §1.6, §1.8). A 404 without
     * that body comes from something else (a proxy, a wrong address prefix) and must not pass for
     * an absent object.
     */
    private static boolean isAbsent(Exchange ex) {
        if (ex.status() != 404) {
            return false;
        }
        JsonNode body = parseQuietly(ex);
        return body != null
                && body.path("errors").isArray()
                && body.get("errors").isEmpty();
    }

    private static List<String> errorsOf(JsonNode errorBody) {
        List<String> errors = new ArrayList<>();
        if (errorBody != null && errorBody.path("errors").isArray()) {
            errorBody.get("errors").forEach(e -> errors.add(e.asText()));
        }
        return errors;
    }

    /** Error bodies from proxies are often HTML: the status is what matters then. */
    private static JsonNode parseQuietly(Exchange ex) {
        try {
            return ex.hasBody() ? VaultJson.mapper().readTree(ex.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static VaultResponse envelope(Exchange ex) {
        JsonNode tree = raw(ex);
        if (!tree.isObject()) {
            throw malformed(ex, "expected a JSON object envelope");
        }
        try {
            return VaultJson.mapper().treeToValue(tree, VaultResponse.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw malformed(ex, "envelope fields have unexpected types");
        }
    }

    private static JsonNode raw(Exchange ex) {
        if (!ex.hasBody()) {
            throw malformed(ex, "empty body");
        }
        try {
            JsonNode tree = VaultJson.mapper().readTree(ex.body());
            if (tree == null || tree.isMissingNode()) {
                throw malformed(ex, "empty body");
            }
            return tree;
        } catch (IOException e) {
            // No cause and no body excerpt: a garbled body could still contain a token.
            throw malformed(ex, "body is not valid JSON");
        }
    }

    private static VaultException malformed(Exchange ex, String detail) {
        return new VaultException(
                VaultErrorReason.MALFORMED_RESPONSE,
                ex.status(),
                List.of(),
                ex.method(),
                ex.path(),
                null,
                detail,
                null);
    }
}
