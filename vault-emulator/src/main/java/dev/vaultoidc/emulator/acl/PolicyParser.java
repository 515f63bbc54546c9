package dev.vaultoidc.emulator.acl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.vaultoidc.emulator.acl.Hcl.Item;
import dev.vaultoidc.emulator.acl.Hcl.Key;
import dev.vaultoidc.emulator.acl.Hcl.ListNode;
import dev.vaultoidc.emulator.acl.Hcl.Literal;
import dev.vaultoidc.emulator.acl.Hcl.LiteralKind;
import dev.vaultoidc.emulator.acl.Hcl.Node;
import dev.vaultoidc.emulator.acl.Hcl.ObjectNode;
import dev.vaultoidc.emulator.acl.Hcl.Pos;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns policy text into path rules with Vault's validation and Vault's error texts (its
 * {@code vault/policy.go}: {@code ParseACLPolicy}, {@code parsePaths}).
 */
final class PolicyParser {

    record Parsed(List<PathRule> rules, boolean templated) {}

    private static final Set<String> TOP_KEYS = Set.of("name", "path");

    /** Vault 1.20's keys in a path block; mfa_methods and control_group are Enterprise, accepted and ignored. */
    private static final Set<String> PATH_KEYS = Set.of(
            "comment",
            "policy",
            "capabilities",
            "allowed_parameters",
            "denied_parameters",
            "required_parameters",
            "min_wrapping_ttl",
            "max_wrapping_ttl",
            "mfa_methods",
            "control_group");

    private static final String PREFIX = "failed to parse policy: ";

    private PolicyParser() {}

    static Parsed parse(String text) throws PolicyException {
        ObjectNode root;
        try {
            // Vault's parser takes text whose first non-blank character is '{' for JSON.
            root = text.strip().startsWith("{") ? JsonTree.parse(text) : Hcl.parse(text);
        } catch (Hcl.SyntaxError e) {
            throw new PolicyException(PREFIX + e.vaultText());
        }
        List<String> bad = invalidKeys(root, TOP_KEYS);
        if (!bad.isEmpty()) {
            throw new PolicyException(PREFIX + multiError(bad));
        }
        try {
            for (Item item : root.items()) {
                if (item.firstKey().equals("name")) {
                    decodeString(item.value(), "name");
                }
            }
        } catch (DecodeError e) {
            throw new PolicyException(PREFIX + e.getMessage());
        }
        List<PathRule> rules = new ArrayList<>();
        boolean templated = false;
        for (Item item : root.items()) {
            if (!item.firstKey().equals("path")) {
                continue;
            }
            // As HCL's Filter("path") does: the path is the next key; a bare `path { }` is named "path".
            String key = item.keys().size() > 1 ? item.keys().get(1).text() : "path";
            try {
                if (IdentityTemplate.hasTemplate(key)) {
                    templated = true;
                }
            } catch (PolicyException e) {
                throw new PolicyException(PREFIX + "failed to validate policy templating: " + e.getMessage());
            }
            rules.add(pathRule(key, item.value()));
        }
        return new Parsed(rules, templated);
    }

    private static PathRule pathRule(String key, Node body) throws PolicyException {
        String quoted = "path \"" + key + "\"";
        if (!(body instanceof ObjectNode block)) {
            throw new PolicyException(PREFIX + quoted + ": cannot check HCL keys of type *ast." + astType(body));
        }
        List<String> bad = invalidKeys(block, PATH_KEYS);
        if (!bad.isEmpty()) {
            throw new PolicyException(PREFIX + quoted + ": " + multiError(bad));
        }
        String policy = null;
        List<String> capabilities = new ArrayList<>();
        Map<String, List<Object>> allowed = null;
        Map<String, List<Object>> denied = null;
        List<String> required = new ArrayList<>();
        Object minTtl = null;
        Object maxTtl = null;
        Node controlGroup = null;
        try {
            for (Item f : block.items()) {
                String name = f.firstKey();
                switch (name) {
                    // Go's decoder names fields without an hcl tag by their struct name in errors.
                    case "policy" -> policy = decodeString(f.value(), "Policy");
                    case "capabilities" -> capabilities = decodeStrings(f.value(), "Capabilities");
                    case "allowed_parameters" -> allowed = decodeParameters(f.value(), name);
                    case "denied_parameters" -> denied = decodeParameters(f.value(), name);
                    case "required_parameters" -> required = decodeStrings(f.value(), name);
                    case "min_wrapping_ttl" -> minTtl = scalar(f.value());
                    case "max_wrapping_ttl" -> maxTtl = scalar(f.value());
                    case "control_group" -> controlGroup = f.value();
                    default -> {
                        // comment, mfa_methods, control_group: accepted, no effect here.
                    }
                }
            }
        } catch (DecodeError e) {
            throw new PolicyException(PREFIX + quoted + ": " + e.getMessage());
        }

        Permissions perms = new Permissions();
        // The wildcard check and classification come before capabilities, as in Vault.
        PathRule classified;
        try {
            classified = PathRule.of(key, perms);
        } catch (PolicyException e) {
            throw new PolicyException(PREFIX + e.getMessage());
        }

        if (policy != null && !policy.isEmpty()) {
            // Pre-0.5 `policy = "..."` maps onto capabilities; "deny" replaces, the others add.
            switch (policy) {
                case "deny" -> capabilities = new ArrayList<>(List.of("deny"));
                case "read" -> capabilities.addAll(List.of("read", "list"));
                case "write" -> capabilities.addAll(List.of("create", "read", "update", "delete", "list"));
                case "sudo" -> capabilities.addAll(List.of("create", "read", "update", "delete", "list", "sudo"));
                default -> throw new PolicyException(PREFIX + quoted + ": invalid policy \"" + policy + "\"");
            }
        }
        for (String c : capabilities) {
            Capability cap = Capability.fromWire(c);
            if (cap == null) {
                throw new PolicyException(PREFIX + quoted + ": invalid capability \"" + c + "\"");
            }
            if (cap == Capability.DENY) {
                // Deny drops every other capability and, as in Vault, skips the rest of the block.
                perms.bits = Capability.DENY.bit;
                return classified;
            }
            perms.bits |= cap.bit;
        }
        if (allowed != null) {
            perms.allowed = lowerCaseKeys(allowed);
        }
        if (denied != null) {
            perms.denied = lowerCaseKeys(denied);
        }
        if (minTtl != null) {
            try {
                perms.minWrappingSeconds = Durations.parseSeconds(minTtl);
            } catch (IllegalArgumentException e) {
                throw new PolicyException(PREFIX + "error parsing min_wrapping_ttl: " + e.getMessage());
            }
        }
        if (maxTtl != null) {
            try {
                perms.maxWrappingSeconds = Durations.parseSeconds(maxTtl);
            } catch (IllegalArgumentException e) {
                throw new PolicyException(PREFIX + "error parsing max_wrapping_ttl: " + e.getMessage());
            }
        }
        if (controlGroup != null) {
            checkControlGroup(controlGroup, capabilities);
        }
        if (perms.minWrappingSeconds != 0
                && perms.maxWrappingSeconds != 0
                && perms.maxWrappingSeconds < perms.minWrappingSeconds) {
            throw new PolicyException(PREFIX + "max_wrapping_ttl cannot be less than min_wrapping_ttl");
        }
        perms.required = new ArrayList<>(required);
        return classified;
    }

    /**
     * Vault's checks of an Enterprise control group stanza, so that a policy Vault refuses is refused
     * here too; an accepted stanza has no effect in the emulator.
     */
    private static void checkControlGroup(Node node, List<String> capabilities) throws PolicyException {
        if (!(node instanceof ObjectNode cg)) {
            throw new PolicyException(PREFIX + "no control group factors provided");
        }
        int factors = 0;
        for (Item item : cg.items()) {
            if (item.firstKey().equals("ttl")) {
                try {
                    Durations.parseSeconds(scalar(item.value()));
                } catch (IllegalArgumentException e) {
                    throw new PolicyException(PREFIX + "error parsing control group max ttl: " + e.getMessage());
                }
            }
            if (!item.firstKey().equals("factor") || !(item.value() instanceof ObjectNode factor)) {
                continue;
            }
            factors++;
            ObjectNode identity = null;
            List<String> controlled = List.of();
            for (Item f : factor.items()) {
                if (f.firstKey().equals("identity") && f.value() instanceof ObjectNode o) {
                    identity = o;
                } else if (f.firstKey().equals("controlled_capabilities") && f.value() instanceof ListNode l) {
                    controlled = l.elements().stream()
                            .map(PolicyParser::plain)
                            .map(String::valueOf)
                            .toList();
                }
            }
            if (identity == null) {
                throw new PolicyException(PREFIX + "no control_group factor provided");
            }
            long approvals = 0;
            boolean groups = false;
            for (Item f : identity.items()) {
                if (f.firstKey().equals("approvals")
                        && f.value() instanceof Literal lit
                        && lit.value() instanceof Long n) {
                    approvals = n;
                } else if ((f.firstKey().equals("group_ids") || f.firstKey().equals("group_names"))
                        && f.value() instanceof ListNode l
                        && !l.elements().isEmpty()) {
                    groups = true;
                }
            }
            if (approvals <= 0 || !groups) {
                throw new PolicyException(PREFIX + "must provide more than one identity group and approvals > 0");
            }
            if (!capabilities.containsAll(controlled)) {
                throw new PolicyException(
                        PREFIX + "control group factor capabilities must be a subset of the policy's capabilities");
            }
        }
        if (factors == 0) {
            throw new PolicyException(PREFIX + "no control group factors provided");
        }
    }

    private static Map<String, List<Object>> lowerCaseKeys(Map<String, List<Object>> in) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    // ---------------------------------------------------------------- key checks and decoding

    private static List<String> invalidKeys(ObjectNode o, Set<String> valid) {
        List<String> bad = new ArrayList<>();
        for (Item item : o.items()) {
            String k = item.firstKey();
            if (!valid.contains(k)) {
                // HCL reports the line of the '='; block items have none and report line 0.
                int line = item.assign() == null ? 0 : item.assign().line();
                bad.add("invalid key \"" + k + "\" on line " + line);
            }
        }
        return bad;
    }

    /** go-multierror's format, which Vault's key checks produce. */
    static String multiError(List<String> errors) {
        StringBuilder b = new StringBuilder();
        b.append(errors.size()).append(errors.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        for (String e : errors) {
            b.append("\t* ").append(e).append('\n');
        }
        return b.append('\n').toString();
    }

    private static final class DecodeError extends Exception {
        private static final long serialVersionUID = 1L;

        DecodeError(String message) {
            super(message);
        }
    }

    private static String astType(Node n) {
        if (n instanceof ObjectNode) {
            return "ObjectType";
        }
        return n instanceof ListNode ? "ListType" : "LiteralType";
    }

    private static String at(Pos p) {
        return p == null ? "At -: " : "At " + p + ": ";
    }

    private static String decodeString(Node n, String field) throws DecodeError {
        // HCL1 decodes strings, heredocs and integers into a string field; bools and floats fail.
        if (n instanceof Literal lit && lit.kind() != LiteralKind.BOOL && lit.kind() != LiteralKind.FLOAT) {
            return lit.value() == null ? "" : String.valueOf(lit.value());
        }
        if (n instanceof ObjectNode) {
            throw new DecodeError("At -: root." + field + ": unknown type for string *ast.ObjectList");
        }
        throw new DecodeError(at(n.pos()) + "root." + field + ": unknown type for string *ast." + astType(n));
    }

    private static List<String> decodeStrings(Node n, String field) throws DecodeError {
        if (!(n instanceof ListNode list)) {
            throw new DecodeError(at(n.pos()) + "unknown slice type: *ast." + astType(n));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.elements().size(); i++) {
            out.add(decodeString(list.elements().get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static Map<String, List<Object>> decodeParameters(Node n, String field) throws DecodeError {
        if (!(n instanceof ObjectNode o)) {
            throw new DecodeError(
                    at(n.pos()) + "root." + field + ": not an object type for map (*ast." + astType(n) + ")");
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Item item : o.items()) {
            Node v = item.value();
            if (!(v instanceof ListNode list)) {
                throw new DecodeError(at(v.pos()) + "unknown slice type: *ast." + astType(v));
            }
            List<Object> values = new ArrayList<>();
            for (Node e : list.elements()) {
                values.add(plain(e));
            }
            out.put(item.firstKey(), values);
        }
        return out;
    }

    private static Object scalar(Node n) {
        return n instanceof Literal lit ? lit.value() : n;
    }

    /** A value in an allowed/denied list as Go's HCL decoder gives it to Vault. */
    private static Object plain(Node n) {
        if (n instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.elements().forEach(e -> out.add(plain(e)));
            return out;
        }
        if (n instanceof ObjectNode o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.items().forEach(i -> out.put(i.firstKey(), plain(i.value())));
            return out;
        }
        return ((Literal) n).value();
    }

    // ---------------------------------------------------------------- JSON policies

    /**
     * JSON policy text into the same tree HCL's JSON parser gives Vault: {@code "path"} objects (or
     * lists of objects) become one item per path.
     */
    static final class JsonTree {
        private static final JsonFactory FACTORY = new JsonFactory();

        private JsonTree() {}

        static ObjectNode parse(String text) throws Hcl.SyntaxError {
            try (JsonParser p = FACTORY.createParser(text)) {
                p.nextToken();
                Node top = value(p);
                if (!(top instanceof ObjectNode o)) {
                    throw new Hcl.SyntaxError(new Pos(1, 1), "object expected");
                }
                List<Item> items = new ArrayList<>();
                for (Item item : o.items()) {
                    if (item.firstKey().equals("path") && item.value() instanceof ObjectNode paths) {
                        for (Item path : paths.items()) {
                            items.add(new Item(
                                    List.of(item.keys().get(0), path.keys().get(0)), path.assign(), path.value()));
                        }
                    } else if (item.firstKey().equals("path") && item.value() instanceof ListNode list) {
                        for (Node e : list.elements()) {
                            if (e instanceof ObjectNode paths) {
                                for (Item path : paths.items()) {
                                    items.add(new Item(
                                            List.of(
                                                    item.keys().get(0),
                                                    path.keys().get(0)),
                                            path.assign(),
                                            path.value()));
                                }
                            }
                        }
                    } else {
                        items.add(item);
                    }
                }
                return new ObjectNode(items, o.pos());
            } catch (JsonProcessingException e) {
                JsonLocation l = e.getLocation();
                Pos pos = l == null ? new Pos(1, 1) : new Pos(l.getLineNr(), l.getColumnNr());
                throw new Hcl.SyntaxError(pos, e.getOriginalMessage());
            } catch (IOException e) {
                throw new Hcl.SyntaxError(new Pos(1, 1), e.getMessage());
            }
        }

        private static Pos pos(JsonParser p) {
            JsonLocation l = p.currentTokenLocation();
            return new Pos(l.getLineNr(), l.getColumnNr());
        }

        private static Node value(JsonParser p) throws IOException, Hcl.SyntaxError {
            JsonToken t = p.currentToken();
            Pos at = pos(p);
            if (t == null) {
                throw new Hcl.SyntaxError(at, "unexpected end of input");
            }
            switch (t) {
                case START_OBJECT -> {
                    List<Item> items = new ArrayList<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        Key key = new Key(p.currentName(), pos(p));
                        p.nextToken();
                        Pos valuePos = pos(p);
                        items.add(new Item(List.of(key), valuePos, value(p)));
                    }
                    return new ObjectNode(items, at);
                }
                case START_ARRAY -> {
                    List<Node> elements = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        elements.add(value(p));
                    }
                    return new ListNode(elements, at);
                }
                case VALUE_STRING -> {
                    return new Literal(LiteralKind.STRING, p.getText(), at);
                }
                case VALUE_NUMBER_INT -> {
                    return new Literal(LiteralKind.NUMBER, p.getLongValue(), at);
                }
                case VALUE_NUMBER_FLOAT -> {
                    return new Literal(LiteralKind.FLOAT, p.getDoubleValue(), at);
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new Literal(LiteralKind.BOOL, t == JsonToken.VALUE_TRUE, at);
                }
                case VALUE_NULL -> {
                    return new Literal(LiteralKind.NULL, null, at);
                }
                default -> throw new Hcl.SyntaxError(at, "unexpected token " + t);
            }
        }
    }
}
