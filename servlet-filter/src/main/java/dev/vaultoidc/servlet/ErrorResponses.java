package dev.vaultoidc.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a {@link Rejection}: status, {@code WWW-Authenticate} challenge, no-store, optional JSON body. */
final class ErrorResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realm;
    private final boolean jsonBody;
    private final String retryAfterSeconds;

    ErrorResponses(String realm, boolean jsonBody, Duration retryAfter) {
        this.realm = realm;
        this.jsonBody = jsonBody;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    void send(HttpServletResponse response, Rejection rejection) throws IOException {
        response.resetBuffer();
        response.setStatus(rejection.status());
        // Error answers are about one request's credentials: no cache may keep them (RFC 6750 §3, RFC 9111).
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        if (rejection.unavailable()) {
            response.setHeader("Retry-After", retryAfterSeconds);
        } else {
            response.setHeader("WWW-Authenticate", challenge(rejection));
        }
        if (jsonBody) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", rejection.error() == null ? "unauthorized" : rejection.error());
            body.put("error_description", rejection.description());
            byte[] bytes = JSON.writeValueAsBytes(body);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } else {
            response.setContentLength(0);
        }
        response.flushBuffer();
    }

    String challenge(Rejection rejection) {
        StringBuilder sb =
                new StringBuilder("Bearer realm=\"").append(quote(realm)).append('"');
        if (rejection.error() != null) {
            sb.append(", error=\"").append(rejection.error()).append('"');
            sb.append(", error_description=\"")
                    .append(quote(rejection.description()))
                    .append('"');
        }
        return sb.toString();
    }

    /** quoted-string content (RFC 9110 §5.6.4): backslash-escape {@code "} and {@code \}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
