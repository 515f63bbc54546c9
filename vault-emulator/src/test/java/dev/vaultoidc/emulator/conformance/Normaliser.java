package dev.vaultoidc.emulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites a response so that only what a server chose (not what it generated) is left to compare:
 * each server's own generated values become the symbolic name the script captured them under
 * ({@code <e1.id>}), the server address becomes {@code <addr>}, other generated shapes become a
 * placeholder naming the shape ({@code <uuid>}, {@code <time>}), JWTs are decoded into their header
 * and claims, and lists of generated ids are sorted (their order follows random ids).
 */
final class Normaliser {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** Vault and OpenBao token shapes ({@code hvs.}, {@code s.}, batch {@code b.} / {@code hvb.}). */
    private static final Pattern TOKEN = Pattern.compile("\\b(hvs|hvb|s|b)\\.[A-Za-z0-9_-]{20,}");
    /** Mount accessors: {@code auth_approle_1a2b3c4d}. */
    private static final Pattern MOUNT_ACCESSOR =
            Pattern.compile("\\b(auth|identity|system|cubbyhole)_([a-z0-9]+_)?[0-9a-f]{8}\\b");
    /** Generated entity and group names ({@code entity_1a2b3c4d}, {@code group_...}). */
    private static final Pattern GENERATED_NAME = Pattern.compile("\\b(entity|group)_[0-9a-f]{8}\\b");

    /** String fields whose value is generated wherever they appear. */
    private static final Set<String> GENERATED_FIELDS = Set.of(
            "request_id",
            "accessor",
            "secret_id_accessor",
            "client_id",
            "cluster_id",
            "cluster_name",
            "n",
            "x",
            "y",
            "kid",
            "secret_id",
            "role_id",
            "client_token",
            "id",
            "canonical_id",
            "entity_id",
            "mount_accessor",
            "bucket_key_hash",
            "nonce",
            "uuid",
            "at_hash",
            "c_hash");

    private Normaliser() {}

    static JsonNode normalise(JsonNode body, Exchange server) {
        if (body == null || body.isMissingNode()) {
            return body;
        }
        return walk(body.deepCopy(), null, server);
    }

    private static JsonNode walk(JsonNode node, String field, Exchange server) {
        if (node.isObject()) {
            // Keys can be generated ids (key_info); two uncaptured ids normalise to the same key, so
            // colliding keys are numbered in the order of their values, the same on both servers.
            java.util.TreeMap<String, List<JsonNode>> byKey = new java.util.TreeMap<>();
            List<String> order = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = text(e.getKey(), null, server);
                if (!byKey.containsKey(key)) {
                    order.add(key);
                }
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(walk(e.getValue(), e.getKey(), server));
            }
            ObjectNode out = F.objectNode();
            for (String key : order) {
                List<JsonNode> values = byKey.get(key);
                if (values.size() == 1) {
                    out.set(key, values.get(0));
                } else {
                    values.sort(Comparator.comparing(Normaliser::canonical));
                    for (int i = 0; i < values.size(); i++) {
                        out.set(key + "#" + (i + 1), values.get(i));
                    }
                }
            }
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(n -> items.add(walk(n, field, server)));
            boolean generated = !items.isEmpty()
                    && items.stream().allMatch(n -> n.isTextual() && n.asText().startsWith("<"));
            // Arrays of objects (aliases, JWKS keys, merge clashes) are unordered collections whose
            // order follows random ids; compare them as sets. Lists of plain values keep their order.
            boolean objects = !items.isEmpty() && items.stream().allMatch(JsonNode::isObject);
            if (generated || objects || "keys".equals(field)) {
                items.sort(Comparator.comparing(Normaliser::canonical));
            }
            ArrayNode out = F.arrayNode();
            items.forEach(out::add);
            return out;
        }
        if (node.isTextual()) {
            String s = node.asText();
            if (JWT.matcher(s).matches()) {
                return decodeJwt(s, server);
            }
            return TextNode.valueOf(text(s, field, server));
        }
        return node;
    }

    /** JSON text with object keys sorted, so equal content sorts equally whatever the key order. */
    static String canonical(JsonNode n) {
        if (n.isObject()) {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            n.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted.entrySet().stream()
                    .map(e -> TextNode.valueOf(e.getKey()) + ":" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(canonical(x)));
            return "[" + String.join(",", parts) + "]";
        }
        return n.toString();
    }

    static String text(String s, String field, Exchange server) {
        String out = s.replace(server.address, "<addr>").replace(server.address.replace("http://", ""), "<addr>");
        for (Map.Entry<String, String> v : server.generatedValues()) {
            out = out.replace(v.getValue(), "<" + v.getKey() + ">");
        }
        out = JWT.matcher(out).replaceAll("<jwt>");
        out = UUID.matcher(out).replaceAll("<uuid>");
        out = TIME.matcher(out).replaceAll("<time>");
        out = TOKEN.matcher(out).replaceAll("<token>");
        out = MOUNT_ACCESSOR.matcher(out).replaceAll("<mount-accessor>");
        out = GENERATED_NAME.matcher(out).replaceAll("$1_<generated>");
        if (field != null && GENERATED_FIELDS.contains(field) && !out.isEmpty() && !out.startsWith("<")) {
            out = "<" + field + ">";
        }
        return out;
    }

    private static JsonNode decodeJwt(String jwt, Exchange server) {
        String[] parts = jwt.split("\\.");
        ObjectNode out = F.objectNode();
        try {
            out.set("jwt.header", walk(Exchange.JSON.readTree(decode(parts[0])), null, server));
            out.set("jwt.claims", walk(Exchange.JSON.readTree(decode(parts[1])), null, server));
            out.put("jwt.signature", "<signature>");
        } catch (IOException e) {
            out.put("jwt.undecodable", "<jwt>");
        }
        return out;
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
