package dev.vaultoidc.emulator.acl;

import java.util.Map;
import java.util.Optional;

/**
 * Vault's ACL templating of policy paths ({@code identitytpl.PopulateString} in ACL mode):
 * {@code {{identity.entity.id}}}, {@code .name}, {@code .metadata.<key>},
 * {@code .aliases.<accessor>.id|name|metadata.<key>|custom_metadata.<key>},
 * {@code {{identity.groups.ids.<id>.name|id|metadata.<key>}}} and
 * {@code {{identity.groups.names.<name>.id|name|metadata.<key>}}}.
 *
 * <p>A path whose template cannot be filled for the token (no entity, unknown key, empty value) is
 * left out of that token's ACL, as in Vault. Time templates ({@code {{time.now}}}) are not rendered.
 */
final class IdentityTemplate {

    private IdentityTemplate() {}

    /**
     * Whether the string has template directives.
     *
     * @throws PolicyException "unbalanced templating characters" when braces do not pair up
     */
    static boolean hasTemplate(String s) throws PolicyException {
        String[] parts = s.split("\\{\\{", -1);
        if (parts[0].contains("}}")) {
            throw new PolicyException("unbalanced templating characters");
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].split("}}", -1).length != 2) {
                throw new PolicyException("unbalanced templating characters");
            }
        }
        return parts.length > 1;
    }

    /** The rendered string, or empty when a directive has no value for this identity. */
    static Optional<String> render(String s, TemplateIdentity id) {
        String[] parts = s.split("\\{\\{", -1);
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String[] piece = parts[i].split("}}", -1);
            if (piece.length != 2) {
                return Optional.empty();
            }
            Optional<String> v = value(piece[0].trim(), id);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            b.append(v.get()).append(piece[1]);
        }
        return Optional.of(b.toString());
    }

    private static Optional<String> value(String directive, TemplateIdentity id) {
        if (directive.startsWith("identity.entity.")) {
            if (id == null || id.entityId() == null) {
                return Optional.empty();
            }
            return entity(directive.substring("identity.entity.".length()), id);
        }
        if (directive.startsWith("identity.groups.")) {
            if (id == null || id.groups().isEmpty()) {
                return Optional.empty();
            }
            return groups(directive.substring("identity.groups.".length()), id);
        }
        return Optional.empty();
    }

    private static Optional<String> entity(String t, TemplateIdentity id) {
        if (t.equals("id")) {
            return nonEmpty(id.entityId());
        }
        if (t.equals("name")) {
            return nonEmpty(id.entityName());
        }
        if (t.startsWith("metadata.")) {
            return fromMap(id.entityMetadata(), t.substring("metadata.".length()));
        }
        if (t.startsWith("aliases.")) {
            String[] split = t.substring("aliases.".length()).split("\\.", 2);
            if (split.length != 2) {
                return Optional.empty();
            }
            for (TemplateIdentity.Alias a : id.aliases()) {
                if (split[0].equals(a.mountAccessor())) {
                    return alias(split[1], a);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> alias(String t, TemplateIdentity.Alias a) {
        if (t.equals("id")) {
            return nonEmpty(a.id());
        }
        if (t.equals("name")) {
            return nonEmpty(a.name());
        }
        if (t.startsWith("metadata.")) {
            return fromMap(a.metadata(), t.substring("metadata.".length()));
        }
        if (t.startsWith("custom_metadata.")) {
            return fromMap(a.customMetadata(), t.substring("custom_metadata.".length()));
        }
        return Optional.empty();
    }

    private static Optional<String> groups(String t, TemplateIdentity id) {
        String[] selector = t.split("\\.", 2);
        if (selector.length != 2 || !(selector[0].equals("ids") || selector[0].equals("names"))) {
            return Optional.empty();
        }
        boolean byId = selector[0].equals("ids");
        String[] accessor = selector[1].split("\\.", 2);
        if (accessor.length != 2) {
            return Optional.empty();
        }
        for (TemplateIdentity.Group g : id.groups()) {
            if (accessor[0].equals(byId ? g.id() : g.name())) {
                String field = accessor[1];
                if (field.equals("id")) {
                    return Optional.ofNullable(g.id());
                }
                if (field.equals("name")) {
                    return nonEmpty(g.name());
                }
                if (field.startsWith("metadata.")) {
                    String v = g.metadata().get(field.substring("metadata.".length()));
                    return Optional.ofNullable(v);
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromMap(Map<String, String> m, String key) {
        // ACL mode: a metadata key that is present yields its value, even empty; a missing one fails.
        return Optional.ofNullable(m.get(key));
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
