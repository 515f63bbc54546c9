package dev.vaultoidc.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Vault's HTTP layer (spec §1.2–§1.7): verbs to logical operations, bodies, token check, and the
 * wire format of each kind of response. Fault injection and the request log sit in front.
 */
final class HttpFrontend implements HttpHandler {

    private static final Set<String> SECRET_HEADERS = Set.of("x-vault-token", "authorization", "cookie");
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final Supplier<VaultCore> core;
    private final Faults faults;
    private final Consumer<RecordedRequest> log;
    private final TestControls controls;

    /** {@code controls} may be null: the test controls are off and their paths 404 like others. */
    HttpFrontend(Supplier<VaultCore> core, Faults faults, Consumer<RecordedRequest> log, TestControls controls) {
        this.core = core;
        this.faults = faults;
        this.log = log;
        this.controls = controls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (controls != null
                && TestControls.isControlPath(exchange.getRequestURI().getPath())) {
            // In front of faults and the log: a test can always clear the faults it injected.
            try {
                controls.handle(exchange);
            } finally {
                exchange.close();
            }
            return;
        }
        VaultCore vault = core.get();
        Instant arrived = vault.clock.instant();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getPath();
        String path = logicalPath(rawPath);
        // A request is logged before its answer leaves, so a client that reads requests() right after
        // its call returned always finds it there (logging afterwards raced the client).
        boolean[] logged = {false};
        IntConsumer record = status -> {
            if (!logged[0]) {
                logged[0] = true;
                log.accept(new RecordedRequest(
                        method,
                        path == null ? rawPath : path,
                        exchange.getRequestURI().getRawQuery(),
                        safeHeaders(exchange.getRequestHeaders()),
                        status,
                        arrived));
            }
        };
        try {
            Faults.Action fault = faults.next(path == null ? rawPath : path);
            if (fault != null && !fault.latency().isZero()) {
                try {
                    Thread.sleep(fault.latency().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (fault != null && fault.drop()) {
                // Closing before sending headers makes the JDK server close the connection itself.
                record.accept(0);
                exchange.close();
                return;
            }
            EmulatorResponse response = fault != null && fault.status() != 0
                    ? EmulatorResponse.error(fault.status(), fault.message())
                    : process(vault, exchange, method, path);
            write(exchange, vault, path, response, record);
        } catch (RuntimeException e) {
            write(
                    exchange,
                    vault,
                    path,
                    EmulatorResponse.error(500, GoText.multiError("internal error: " + e)),
                    record);
        } finally {
            record.accept(0);
            exchange.close();
        }
    }

    /** {@code /v1/a/b/} → {@code a/b}; null when the path is not under {@code /v1/}. */
    static String logicalPath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/v1/")) {
            return null;
        }
        String p = rawPath.substring(4);
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private EmulatorResponse process(VaultCore vault, HttpExchange exchange, String method, String path)
            throws IOException {
        if (path == null) {
            return EmulatorResponse.notFound();
        }
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        String operation;
        switch (method) {
            case "GET" -> {
                operation = "GET";
                String list = query.remove("list");
                if (list != null && !list.isEmpty()) {
                    Boolean parsed = parseGoBool(list);
                    if (parsed == null) {
                        return EmulatorResponse.error(400);
                    }
                    if (parsed) {
                        operation = "LIST";
                    }
                }
            }
            case "LIST" -> operation = "LIST";
            case "POST", "PUT" -> operation = "POST";
            case "DELETE" -> operation = "DELETE";
            default -> {
                // PATCH needs merge-patch support, which no path here has; other verbs do not exist. The
                // HTTP layer checks PATCH's content type before routing (internal/http/logical.go).
                String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .orElse("");
                if (method.equals("PATCH")
                        && !type.toLowerCase(Locale.ROOT).startsWith("application/merge-patch+json")) {
                    return EmulatorResponse.error(
                            415, "PATCH requires Content-Type of application/merge-patch+json, provided " + type);
                }
                return EmulatorResponse.error(405);
            }
        }
        Map<String, Object> body = Map.of();
        if (operation.equals("POST")) {
            byte[] bytes = readBody(exchange.getRequestBody());
            if (bytes == null) {
                return EmulatorResponse.error(413, "http: request body too large");
            }
            String contentType = Optional.ofNullable(
                            exchange.getRequestHeaders().getFirst("Content-Type"))
                    .orElse("")
                    .toLowerCase(Locale.ROOT);
            if (isForm(bytes, contentType)) {
                try {
                    body = parseForm(new String(bytes, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // Go's ParseForm fails on a bad escape such as %zz, and Vault answers this bare 400
                    // (seen on OpenBao 2.7.2); found by HttpRequestFuzzTest, which saw a 500 here.
                    return EmulatorResponse.error(400, "error parsing form data");
                }
            } else if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                body = Map.of();
            } else {
                try {
                    Map<String, Object> parsed = Json.parseObject(bytes);
                    body = parsed == null ? Map.of() : parsed;
                } catch (IOException e) {
                    // Vault: "failed to parse JSON input" (http/handler.go parseJSONRequest); OpenBao 2.7 says
                    // "failed to decode JSON input" (seen on 2.7.2). Both quote Go's decoder error.
                    return EmulatorResponse.error(
                            400,
                            (vault.flavour == Flavour.OPENBAO ? "failed to decode" : "failed to parse")
                                    + " JSON input: " + Json.goDecodeError(bytes, e));
                }
            }
        }
        String presented = token(exchange.getRequestHeaders());
        Optional<EmulatorRequest.CallerToken> token = vault.authenticate(presented);
        if (token.isEmpty() && !vault.isUnauthenticated(path)) {
            // No token, an unknown one, or one whose entity is disabled or gone: the core says which 403.
            return vault.permissionDenied(presented);
        }
        Map<String, String> passthrough = new LinkedHashMap<>();
        for (String name : List.of("Authorization", "X-Vault-Token")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                passthrough.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        boolean trailingSlash =
                operation.equals("LIST") || exchange.getRequestURI().getPath().endsWith("/");
        return vault.handle(
                new EmulatorRequest(operation, path, query, body, token, passthrough),
                AclEnforcer.wrapTtl(exchange.getRequestHeaders().getFirst("X-Vault-Wrap-TTL")),
                trailingSlash);
    }

    private static String token(Headers headers) {
        String token = headers.getFirst("X-Vault-Token");
        if (token != null && !token.isEmpty()) {
            return token;
        }
        String authz = headers.getFirst("Authorization");
        if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authz.substring(7).trim();
        }
        return null;
    }

    private void write(HttpExchange exchange, VaultCore vault, String path, EmulatorResponse r, IntConsumer beforeSend)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", "application/json");
        out.set("Cache-Control", "no-store");
        r.headers().forEach(out::set);
        Object document;
        switch (r.kind()) {
            case NO_CONTENT -> {
                beforeSend.accept(204);
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            case ERROR -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("errors", r.errors());
                if (r.data() != null) {
                    m.put("data", r.data());
                }
                document = m;
            }
            case RAW -> {
                if (!r.headers().containsKey("Cache-Control")) {
                    out.remove("Cache-Control");
                }
                document = r.data();
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("request_id", Ids.uuid());
                m.put("lease_id", "");
                m.put("renewable", false);
                m.put("lease_duration", 0);
                m.put("data", r.data());
                m.put("wrap_info", null);
                m.put("warnings", r.warnings().isEmpty() ? null : r.warnings());
                m.put("auth", r.auth());
                if (vault.flavour == Flavour.VAULT) { // OpenBao's envelope has no mount_type (2.7.2)
                    m.put("mount_type", path == null ? "" : vault.mountType(path));
                }
                document = m;
            }
        }
        byte[] bytes = document instanceof byte[] b
                ? b
                : document instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.write(document);
        beforeSend.accept(r.status());
        exchange.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /**
     * Vault's {@code isForm}: a form content type whose body does not start like JSON. curl sends
     * {@code -d '{...}'} as a form, and Vault still reads it as JSON.
     */
    static boolean isForm(byte[] body, String contentType) {
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return false;
        }
        for (byte b : body) {
            switch (b) {
                case ' ', '\t', '\n', '\r' -> {
                    continue;
                }
                case '[', '{' -> {
                    return false;
                }
                default -> {
                    return true;
                }
            }
        }
        return true;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    /** Go's {@code strconv.ParseBool}; null when the text is not a boolean. */
    static Boolean parseGoBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** Form bodies: repeated keys are joined with commas, as Vault's {@code parseFormRequest} does. */
    static Map<String, Object> parseForm(String raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.merge(k, v, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> safeHeaders(Headers headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                out.put(k, List.copyOf(v));
            }
        });
        return out;
    }
}
