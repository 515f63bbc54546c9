package dev.vaultoidc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out, and Vault's timestamp format. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Json() {}

    /** Parses a JSON object; JSON nulls stay as null entries (spec §1.4). */
    static Map<String, Object> parseObject(byte[] body) throws IOException {
        return MAPPER.readValue(body, OBJECT);
    }

    /**
     * Go's {@code encoding/json} wording of why {@code body} is not a JSON object, as Vault's HTTP
     * layer quotes it after {@code failed to decode JSON input: } (seen on OpenBao 2.7.2).
     */
    static String goDecodeError(byte[] body, IOException e) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(body);
            if (node != null && !node.isObject()) {
                String type = node.isArray()
                        ? "array"
                        : node.isTextual() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "bool" : "null";
                return "json: cannot unmarshal " + type + " into Go value of type map[string]interface {}";
            }
        } catch (IOException notJson) {
            if (notJson instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
                return "unexpected EOF";
            }
        }
        return e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                ? "unexpected EOF"
                : "invalid character in JSON input";
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's {@code ptypes.TimestampString}
     * prints it (spec §1.10): {@code 2025-07-01T02:55:15.4849Z}, {@code 2025-07-01T02:55:15Z}.
     */
    static String timestamp(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }
}
