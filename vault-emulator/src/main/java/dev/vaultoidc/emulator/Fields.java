package dev.vaultoidc.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault's framework field types (spec §1.4): weakly typed conversion of a supplied body value.
 * Every method distinguishes "absent" (key not in the body) from "supplied", because Vault does:
 * a JSON {@code null} counts as supplied for every type except durations.
 */
final class Fields {

    private Fields() {}

    /**
     * A supplied value that cannot be converted; the HTTP layer answers 400 with {@link #message}.
     * {@link #getMessage()} is Vault's text on a path without an existence check.
     */
    static final class FieldValidationException extends RuntimeException {
        private final String field;
        private final String openbaoReason;
        private final String vaultCore;

        FieldValidationException(String field, Object input, String reason) {
            this(field, input, reason, reason);
        }

        /**
         * @param reason Vault's (mapstructure v1) wording of the conversion error
         * @param openbaoReason OpenBao 2.7's (go-viper/mapstructure v2) wording of it
         */
        FieldValidationException(String field, Object input, String reason, String openbaoReason) {
            super("Field validation failed: error converting input " + render(input) + " for field \"" + field + "\": "
                    + reason);
            this.field = field;
            this.openbaoReason = openbaoReason;
            this.vaultCore = "error converting input " + render(input) + " for field \"" + field + "\": " + reason;
        }

        /**
         * The error text. OpenBao does not print the input ({@code sdk/framework/field_data.go}
         * Validate: {@code error converting input for field %q}); Vault does. A path with an existence
         * check validates the fields in {@code HandleExistenceCheck}, which answers without the
         * {@code Field validation failed: } prefix (sdk/framework/backend.go, both servers).
         */
        String message(Flavour flavour, boolean existenceCheck) {
            String core = flavour == Flavour.OPENBAO
                    ? "error converting input for field \"" + field + "\": " + openbaoReason
                    : vaultCore;
            return existenceCheck ? core : "Field validation failed: " + core;
        }

        /** Go's {@code %v}: {@code [a b]} for slices, {@code map[k:v]} for maps. */
        private static String render(Object input) {
            if (input instanceof Collection<?> c) {
                StringBuilder sb = new StringBuilder("[");
                for (Object e : c) {
                    sb.append(sb.length() > 1 ? " " : "").append(render(e));
                }
                return sb.append(']').toString();
            }
            if (input instanceof Map<?, ?> m) {
                StringBuilder sb = new StringBuilder("map[");
                new java.util.TreeMap<>(m)
                        .forEach((k, v) -> sb.append(sb.length() > 4 ? " " : "")
                                .append(k)
                                .append(':')
                                .append(render(v)));
                return sb.append(']').toString();
            }
            return String.valueOf(input);
        }
    }

    static boolean supplied(Map<String, Object> body, String field) {
        return body.containsKey(field);
    }

    /** TypeString: strings as they are, numbers and booleans as text, null as "". */
    static Optional<String> string(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            return Optional.empty();
        }
        Object v = body.get(field);
        if (v == null) {
            return Optional.of("");
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof Number n) {
            return Optional.of(numberText(n));
        }
        if (v instanceof Boolean b) {
            return Optional.of(b ? "1" : "0");
        }
        throw new FieldValidationException(
                field,
                v,
                "expected type 'string', got unconvertible type '" + goType(v) + "'",
                "'' expected type 'string', got unconvertible type '" + goType(v) + "'");
    }

    /** TypeBool: true/false, Go's strconv.ParseBool spellings, numbers (non-zero = true); null = false. */
    static Optional<Boolean> bool(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            return Optional.empty();
        }
        Object v = body.get(field);
        if (v == null) {
            return Optional.of(false);
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        if (v instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()).signum() != 0);
        }
        if (v instanceof String s) {
            switch (s) {
                case "1", "t", "T", "TRUE", "true", "True" -> {
                    return Optional.of(true);
                }
                case "0", "f", "F", "FALSE", "false", "False", "" -> {
                    return Optional.of(false);
                }
                default ->
                    throw new FieldValidationException(
                            field,
                            v,
                            "cannot parse '' as bool: strconv.ParseBool: parsing \"" + s + "\": invalid syntax",
                            "'' cannot parse value as 'bool': strconv.ParseBool: invalid syntax");
            }
        }
        throw new FieldValidationException(
                field, v, "expected type 'bool', got unconvertible type '" + goType(v) + "'");
    }

    /** TypeCommaStringSlice: a JSON array or a comma-separated string; elements trimmed; null/"" = []. */
    static Optional<List<String>> commaStringSlice(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            return Optional.empty();
        }
        Object v = body.get(field);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return Optional.of(out);
        }
        if (v instanceof String s) {
            if (s.isBlank()) {
                return Optional.of(out);
            }
            for (String part : s.split(",", -1)) {
                out.add(part.trim());
            }
            return Optional.of(out);
        }
        if (v instanceof Collection<?> c) {
            int index = 0;
            for (Object e : c) {
                if (e == null) {
                    out.add(""); // mapstructure's weak decode turns nil into the zero value
                } else if (e instanceof String s) {
                    out.add(s.trim());
                } else if (e instanceof Number n) {
                    out.add(numberText(n));
                } else if (e instanceof Boolean b) {
                    out.add(b ? "1" : "0");
                } else {
                    throw new FieldValidationException(
                            field,
                            v,
                            "expected type 'string', got unconvertible type '" + goType(e) + "'",
                            sliceError(index, e));
                }
                index++;
            }
            return Optional.of(out);
        }
        if (v instanceof Number n) {
            out.add(numberText(n));
            return Optional.of(out);
        }
        throw new FieldValidationException(
                field, v, "'' expected type 'string', got unconvertible type '" + goType(v) + "'", sliceError(0, v));
    }

    /** mapstructure v2 decoding one slice element (a lone value is decoded as a one-element slice). */
    private static String sliceError(int index, Object element) {
        return "1 error(s) decoding:\n\n* '[" + index + "]' expected type 'string', got unconvertible type '"
                + goType(element) + "', value: '" + FieldValidationException.render(element) + "'";
    }

    /**
     * TypeKVPairs: a JSON object of strings, or a list of {@code "k=v"} strings. Returns an empty
     * Optional when absent; a supplied {@code null} gives an Optional holding an empty map
     * (Vault stores nil).
     */
    static Optional<Map<String, String>> kvPairs(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            return Optional.empty();
        }
        Object v = body.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return Optional.of(out);
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object val = e.getValue();
                if (val == null) {
                    out.put(String.valueOf(e.getKey()), ""); // weak decode: nil becomes ""
                    continue;
                }
                if (val instanceof Map || val instanceof Collection) {
                    throw new FieldValidationException(
                            field,
                            v,
                            "'[" + e.getKey() + "]' expected type 'string', got unconvertible type '" + goType(val)
                                    + "'");
                }
                out.put(
                        String.valueOf(e.getKey()),
                        val instanceof Number n
                                ? numberText(n)
                                : val instanceof Boolean b ? (b ? "1" : "0") : val.toString());
            }
            return Optional.of(out);
        }
        List<Object> pairs = v instanceof Collection<?> c ? new ArrayList<>(c) : List.of(v);
        int index = 0;
        for (Object p : pairs) {
            String s = String.valueOf(p);
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new FieldValidationException(
                        field,
                        v,
                        "invalid key pair \"" + s + "\"",
                        "invalid key pair at index " + index + " in field \"" + field + "\"");
            }
            index++;
            out.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return Optional.of(out);
    }

    private static final Pattern GO_DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

    /**
     * TypeDurationSecond: integer seconds, a numeric string, a Go duration ({@code "1h30m"}) or
     * days ({@code "7d"}). A JSON {@code null} counts as not supplied; negative values are rejected.
     */
    static Optional<Long> durationSeconds(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return Optional.empty();
        }
        long seconds;
        if (v instanceof Number n) {
            seconds = new BigDecimal(n.toString()).longValue();
        } else if (v instanceof String s) {
            seconds = parseDuration(field, v, s.trim());
        } else {
            throw new FieldValidationException(field, v, "could not parse duration from input");
        }
        if (seconds < 0) {
            throw new FieldValidationException(field, v, "cannot parse a negative duration");
        }
        return Optional.of(seconds);
    }

    private static long parseDuration(String field, Object raw, String s) {
        if (s.isEmpty()) {
            return 0;
        }
        if (s.matches("-?[0-9]+")) {
            return Long.parseLong(s);
        }
        if (s.matches("-?[0-9]+d")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 86_400L;
        }
        boolean negative = s.startsWith("-");
        String rest = negative || s.startsWith("+") ? s.substring(1) : s;
        Matcher m = GO_DURATION_PART.matcher(rest);
        double nanos = 0;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            double amount = Double.parseDouble(m.group(1));
            nanos += amount
                    * switch (m.group(2)) {
                        case "ns" -> 1d;
                        case "us", "µs" -> 1e3;
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            pos = m.end();
        }
        if (pos != rest.length() || rest.isEmpty()) {
            throw new FieldValidationException(field, raw, "time: invalid duration \"" + s + "\"");
        }
        long seconds = (long) (nanos / 1e9);
        return negative ? -seconds : seconds;
    }

    private static String numberText(Number n) {
        BigDecimal d = new BigDecimal(n.toString());
        return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    private static String goType(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Map) {
            return "map[string]interface {}";
        }
        if (v instanceof Collection) {
            return "[]interface {}";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Number) {
            return "float64";
        }
        return "string";
    }
}
