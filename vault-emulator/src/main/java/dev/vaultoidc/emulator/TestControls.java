package dev.vaultoidc.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The emulator's test controls over HTTP, under {@value #PREFIX} (outside {@code /v1/}, where
 * Vault serves nothing): the clock, faults, the request log and reset, for tests that drive the
 * standalone emulator from another process or language. Only the root token may use them.
 *
 * <p>They run in front of fault injection and the request log: a control request is never
 * recorded and never hit by a fault, so a test can always clear what it injected.
 */
final class TestControls {

    static final String PREFIX = "/_emulator/";

    private final VaultEmulator emulator;

    TestControls(VaultEmulator emulator) {
        this.emulator = emulator;
    }

    static boolean isControlPath(String rawPath) {
        return rawPath != null && (rawPath.startsWith(PREFIX) || rawPath.equals("/_emulator"));
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        String op = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
        while (op.endsWith("/")) {
            op = op.substring(0, op.length() - 1);
        }
        if (!rootTokenPresented(exchange)) {
            send(exchange, 403, Map.of("errors", List.of("permission denied")));
            return;
        }
        Map<String, Object> body;
        try {
            byte[] bytes = exchange.getRequestBody().readNBytes(1024 * 1024);
            body = bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()
                    ? Map.of()
                    : Json.parseObject(bytes);
            if (body == null) {
                body = Map.of();
            }
        } catch (IOException e) {
            send(exchange, 400, Map.of("errors", List.of("error parsing JSON")));
            return;
        }
        try {
            Answer answer = dispatch(
                    method,
                    op,
                    body,
                    HttpFrontend.parseQuery(exchange.getRequestURI().getRawQuery()));
            send(exchange, answer.status, answer.document);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, Map.of("errors", List.of(String.valueOf(e.getMessage()))));
        }
    }

    private record Answer(int status, Object document) {}

    private Answer dispatch(String method, String op, Map<String, Object> body, Map<String, String> query) {
        switch (op) {
            case "clock" -> {
                if (method.equals("GET")) {
                    return new Answer(200, clock());
                }
            }
            case "clock/advance" -> {
                if (method.equals("POST") || method.equals("PUT")) {
                    emulator.clock().advance(duration(body, "by"));
                    return new Answer(200, clock());
                }
            }
            case "clock/set" -> {
                if (method.equals("POST") || method.equals("PUT")) {
                    emulator.clock().set(instant(body, "time"));
                    return new Answer(200, clock());
                }
            }
            case "faults" -> {
                if (method.equals("POST") || method.equals("PUT")) {
                    addFault(body);
                    return new Answer(204, null);
                }
                if (method.equals("DELETE")) {
                    emulator.faults().clear();
                    return new Answer(204, null);
                }
            }
            case "requests" -> {
                if (method.equals("GET")) {
                    return new Answer(200, requests(query.get("path")));
                }
                if (method.equals("DELETE")) {
                    emulator.clearRequests();
                    return new Answer(204, null);
                }
            }
            case "reset" -> {
                if (method.equals("POST") || method.equals("PUT")) {
                    emulator.reset();
                    return new Answer(204, null);
                }
            }
            default -> {
                return new Answer(404, Map.of("errors", List.of("unknown test control: " + op)));
            }
        }
        return new Answer(405, Map.of("errors", List.of("unsupported operation")));
    }

    private Map<String, Object> clock() {
        return Map.of("now", Json.timestamp(emulator.clock().instant()));
    }

    /**
     * {@code {"pattern": "...", "status": 503, "times": 2, "message": "..."}}, or
     * {@code "drop": true}, or {@code "latency": "100ms"}; {@code times} absent or {@code <= 0}
     * means until cleared.
     */
    private void addFault(Map<String, Object> body) {
        String pattern = Fields.string(body, "pattern").orElse("");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("missing pattern");
        }
        int times = (int) (long) number(body, "times", 0);
        boolean drop = Fields.bool(body, "drop").orElse(false);
        long status = number(body, "status", 0);
        Object latency = body.get("latency");
        int kinds = (drop ? 1 : 0) + (status != 0 ? 1 : 0) + (latency != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("give exactly one of status, drop or latency");
        }
        if (drop) {
            emulator.faults().dropConnection(pattern, times);
        } else if (status != 0) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status out of range: " + status);
            }
            String message = Fields.string(body, "message").orElse(null);
            if (message == null) {
                emulator.faults().status(pattern, (int) status, times);
            } else {
                emulator.faults().status(pattern, (int) status, times, message);
            }
        } else {
            emulator.faults().latency(pattern, duration(body, "latency"), times);
        }
    }

    private Map<String, Object> requests(String pathPattern) {
        Pattern p = pathPattern == null ? null : Faults.compile(pathPattern);
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordedRequest r : emulator.requests()) {
            if (p != null && !p.matcher(r.path()).matches()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("path", r.path());
            m.put("query", r.query());
            m.put("headers", r.headers());
            m.put("status", r.status());
            m.put("time", Json.timestamp(r.time()));
            out.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("count", out.size());
        doc.put("requests", out);
        return doc;
    }

    private static Duration duration(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            throw new IllegalArgumentException("missing " + field);
        }
        try {
            return Duration.ofSeconds(Fields.durationSeconds(body, field).orElse(0L));
        } catch (Fields.FieldValidationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static Instant instant(Map<String, Object> body, String field) {
        String text = Fields.string(body, field).orElseThrow(() -> new IllegalArgumentException("missing " + field));
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: " + text);
        }
    }

    private static long number(Map<String, Object> body, String field, long absent) {
        Object v = body.get(field);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number");
        }
    }

    /** Constant-time comparison, so the root token cannot be guessed byte by byte from timings. */
    private boolean rootTokenPresented(HttpExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        if (presented == null || presented.isEmpty()) {
            String authz = exchange.getRequestHeaders().getFirst("Authorization");
            presented = authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authz.substring(7).trim()
                    : null;
        }
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        emulator.rootToken().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Object document) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (document == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = Json.write(document);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }
}
