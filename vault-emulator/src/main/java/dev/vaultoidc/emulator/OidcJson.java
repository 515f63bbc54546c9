package dev.vaultoidc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JSON the way Go's {@code encoding/json} writes and rejects it, because the bytes Vault signs and
 * the error texts it returns come from there (spec §7.5, §7.6, §7.7): maps keep the order they are
 * given (pass a {@link TreeMap} where Go would sort), strings get Go's HTML-safe escaping, numbers
 * decoded from templates are float64 and printed with Go's shortest formatting.
 */
final class OidcJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private OidcJson() {}

    // ---------------------------------------------------------------- writing

    /** Go marshals maps with sorted keys, nested ones too: {@code value} with every map made a sorted one. */
    static Object sortedDeep(Object value) {
        if (value instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sortedDeep(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(sortedDeep(e)));
            return out;
        }
        return value;
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Number n) {
            out.append(goFloat(n.doubleValue()));
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object e : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, e);
            }
            out.append(']');
        } else {
            quote(out, value.toString());
        }
    }

    /** Go's encodeState.string with HTML escaping on (json.Marshal's default). */
    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** strconv.AppendFloat(f, 'f' or 'e', -1, 64) as encoding/json chooses it. */
    static String goFloat(double f) {
        if (f == 0) {
            return 1 / f < 0 ? "-0" : "0"; // Go keeps the sign of a negative zero
        }
        BigDecimal d = new BigDecimal(Double.toString(f)).stripTrailingZeros();
        double abs = Math.abs(f);
        if (abs >= 1e-6 && abs < 1e21) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        StringBuilder b = new StringBuilder();
        if (f < 0) {
            b.append('-');
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        // Go prints at least two exponent digits; encoding/json then trims "e-07" to "e-7".
        b.append(e < 10 && exponent > 0 ? "0" + e : String.valueOf(e));
        return b.toString();
    }

    // ---------------------------------------------------------------- reading

    /** Parses JSON as Go's {@code json.Unmarshal} into {@code interface{}}: numbers become doubles. */
    static Object parse(String json) {
        try {
            return normalise(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static Object normalise(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), normalise(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(normalise(e)));
            return out;
        }
        return v;
    }

    /**
     * Unmarshals into a {@code map[string]interface{}}, returning Go's error text on failure:
     * syntax errors first (json.checkValid), then a type mismatch for a non-object top level.
     * A JSON {@code null} gives an empty map, as it leaves a Go map nil.
     */
    static Map<String, Object> parseObject(String json) throws GoJsonException {
        Optional<String> syntax = syntaxError(json);
        if (syntax.isPresent()) {
            throw new GoJsonException(syntax.get());
        }
        Object v = parse(json);
        if (v == null) {
            return new LinkedHashMap<>();
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        String type =
                v instanceof List ? "array" : v instanceof String ? "string" : v instanceof Boolean ? "bool" : "number";
        throw new GoJsonException("json: cannot unmarshal " + type + " into Go value of type map[string]interface {}");
    }

    /** A Go encoding/json error, message verbatim. */
    static final class GoJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        GoJsonException(String message) {
            super(message);
        }
    }

    /** The message of Go's encoding/json scanner for the first syntax error, if any. */
    static Optional<String> syntaxError(String s) {
        try {
            Scanner sc = new Scanner(s);
            sc.ws();
            sc.value("looking for beginning of value");
            sc.ws();
            if (sc.pos < s.length()) {
                throw sc.error("after top-level value");
            }
            return Optional.empty();
        } catch (SyntaxError e) {
            return Optional.of(e.getMessage());
        }
    }

    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /** A recursive-descent mirror of Go's scanner state machine, producing its messages. */
    private static final class Scanner {
        private final String s;
        private int pos;

        Scanner(String s) {
            this.s = s;
        }

        void ws() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected end of JSON input");
            }
            return s.charAt(pos);
        }

        SyntaxError error(String context) {
            return new SyntaxError("invalid character " + quoteChar(s.charAt(pos)) + " " + context);
        }

        void value(String context) {
            char c = peek();
            switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw error(context);
                    }
                }
            }
        }

        void object() {
            pos++;
            ws();
            if (peek() == '}') {
                pos++;
                return;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("looking for beginning of object key string");
                }
                string();
                ws();
                if (peek() != ':') {
                    throw error("after object key");
                }
                pos++;
                ws();
                value("looking for beginning of value");
                ws();
                char c = peek();
                if (c == '}') {
                    pos++;
                    return;
                }
                if (c != ',') {
                    throw error("after object key:value pair");
                }
                pos++;
                ws();
            }
        }

        void array() {
            pos++;
            ws();
            if (peek() == ']') {
                pos++;
                return;
            }
            while (true) {
                value("looking for beginning of value");
                ws();
                char c = peek();
                if (c == ']') {
                    pos++;
                    return;
                }
                if (c != ',') {
                    throw error("after array element");
                }
                pos++;
                ws();
            }
        }

        void string() {
            pos++;
            while (true) {
                char c = peek();
                if (c == '"') {
                    pos++;
                    return;
                }
                if (c == '\\') {
                    pos++;
                    char e = peek();
                    if ("bfnrt\\/\"".indexOf(e) >= 0) {
                        pos++;
                    } else if (e == 'u') {
                        pos++;
                        for (int i = 0; i < 4; i++) {
                            char h = peek();
                            if (Character.digit(h, 16) < 0) {
                                throw error("in \\u hexadecimal character escape");
                            }
                            pos++;
                        }
                    } else {
                        throw error("in string escape code");
                    }
                } else if (c < 0x20) {
                    throw error("in string literal");
                } else {
                    pos++;
                }
            }
        }

        void number() {
            if (peek() == '-') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("in numeric literal");
                }
            }
            if (peek() == '0') {
                pos++;
            } else {
                digits();
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("after decimal point in numeric literal");
                }
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("in exponent of numeric literal");
                }
                digits();
            }
        }

        void digits() {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }

        void literal(String word) {
            pos++;
            for (int i = 1; i < word.length(); i++) {
                if (peek() != word.charAt(i)) {
                    throw error("in literal " + word + " (expecting " + quoteChar(word.charAt(i)) + ")");
                }
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** Go's quoteChar. */
        private static String quoteChar(char c) {
            if (c == '\'') {
                return "'\\''";
            }
            if (c == '"') {
                return "'\"'";
            }
            if (c < 0x20 || c == 0x7f) {
                return switch (c) {
                    case '\n' -> "'\\n'";
                    case '\r' -> "'\\r'";
                    case '\t' -> "'\\t'";
                    default -> String.format("'\\x%02x'", (int) c);
                };
            }
            return "'" + c + "'";
        }
    }
}
