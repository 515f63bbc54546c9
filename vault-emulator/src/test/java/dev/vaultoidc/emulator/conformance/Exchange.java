package dev.vaultoidc.emulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One server under test: sends steps with its own variables and keeps what they captured. */
final class Exchange {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** A response as received: status, the compared headers, and the body (MissingNode if none). */
    record Response(int status, Map<String, String> headers, JsonNode body, String raw) {}

    final String name;
    final String address;
    final String rootToken;
    /** Variables captured by this server's responses, in capture order. */
    final Map<String, String> vars = new LinkedHashMap<>();

    Exchange(String name, String address, String rootToken) {
        this.name = name;
        this.address = address;
        this.rootToken = rootToken;
    }

    String substitute(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = vars.getOrDefault(m.group(1), "missing-" + m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    Response send(Step step) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address + "/v1/" + substitute(step.path)))
                .timeout(Duration.ofSeconds(30));
        String token = switch (step.token) {
            case Step.ROOT -> rootToken;
            case Step.NONE -> null;
            default -> step.token.startsWith("$") ? substitute(step.token) : step.token;
        };
        if (token != null) {
            b.header("X-Vault-Token", token);
        }
        String body = substitute(step.body);
        b.method(
                step.method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
        } catch (IOException notJson) {
            json = JSON.getNodeFactory().textNode("<not json> " + r.body());
        }
        Map<String, String> headers = new HashMap<>();
        for (String h : step.headers) {
            // max-age is drawn at random below the keys' rotation period (Vault and OpenBao alike).
            headers.put(h, r.headers().firstValue(h).orElse("<absent>").replaceAll("max-age=\\d+", "max-age=<n>"));
        }
        for (Map.Entry<String, String> c : step.captures.entrySet()) {
            JsonNode v = json.at(c.getValue());
            if (v.isValueNode()) {
                vars.put(c.getKey(), v.asText());
            }
        }
        return new Response(r.statusCode(), headers, json, r.body());
    }

    /** Generated values this server handed out, longest first, so a value inside another is safe. */
    List<Map.Entry<String, String>> generatedValues() {
        return vars.entrySet().stream()
                .filter(e -> e.getValue().length() >= 6)
                .sorted((a, b) -> b.getValue().length() - a.getValue().length())
                .toList();
    }
}
