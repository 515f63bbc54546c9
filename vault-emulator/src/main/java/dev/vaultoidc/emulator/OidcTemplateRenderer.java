package dev.vaultoidc.emulator;

import dev.vaultoidc.emulator.IdentityView.AliasSnapshot;
import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import dev.vaultoidc.emulator.IdentityView.GroupSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Vault's identity templating ({@code sdk/helper/identitytpl}) in JSON mode, as used for OIDC role
 * templates (spec §7.5, §7.6). Entity values go through the JSON handler (strings quoted, lists and
 * maps JSON-encoded, a missing map key is {@code ""}); {@code identity.groups.*} values and
 * {@code time.*} values are written bare, exactly as Vault does.
 */
final class OidcTemplateRenderer {

    static final String ERR_UNBALANCED = "unbalanced templating characters";
    static final String ERR_NOT_FOUND = "no value could be found for one of the template directives";
    static final String ERR_NO_ENTITY = "string contains entity template directives but no entity was provided";
    static final String ERR_NO_GROUPS = "string contains groups template directives but no groups were provided";

    /** A template that cannot be rendered; the message is Vault's error text. */
    static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    private OidcTemplateRenderer() {}

    /**
     * Renders {@code template}. {@code entity} may be {@code null} (no entity); Vault's role
     * validation passes an empty entity and no groups, see {@link #emptyEntity()}.
     */
    static String render(String template, EntitySnapshot entity, List<GroupSnapshot> groups, Instant now)
            throws TemplateException {
        if (template.isEmpty()) {
            return "";
        }
        String[] pieces = template.split("\\{\\{", -1);
        if (pieces[0].contains("}}")) {
            throw new TemplateException(ERR_UNBALANCED);
        }
        if (pieces.length == 1) {
            return template;
        }
        StringBuilder out = new StringBuilder(pieces[0]);
        for (int i = 1; i < pieces.length; i++) {
            String[] parts = pieces[i].split("\\}\\}", -1);
            if (parts.length != 2) {
                throw new TemplateException(ERR_UNBALANCED);
            }
            out.append(directive(parts[0].trim(), entity, groups, now));
            out.append(parts[1]);
        }
        return out.toString();
    }

    /**
     * Vault's write-time check of a role or scope template: rendered with an empty entity and no groups, it must
     * be a JSON object with no reserved top-level claim.
     *
     * @return Vault's 400 error text; empty when the template is acceptable (an empty one is)
     */
    static Optional<String> validationError(String template, Instant now) {
        if (template.isEmpty()) {
            return Optional.empty();
        }
        String rendered;
        try {
            rendered = render(template, emptyEntity(), List.of(), now);
        } catch (TemplateException e) {
            return Optional.of("error parsing template: " + e.getMessage());
        }
        Map<String, Object> parsed;
        try {
            parsed = OidcJson.parseObject(rendered);
        } catch (OidcJson.GoJsonException e) {
            return Optional.of("error parsing template JSON: " + e.getMessage());
        }
        for (String claim : parsed.keySet()) {
            if (OidcEngine.RESERVED_CLAIMS.contains(claim)) {
                return Optional.of("top level key " + GoText.quote(claim) + " not allowed. Restricted keys: "
                        + String.join(", ", OidcEngine.RESERVED_CLAIMS));
            }
        }
        return Optional.empty();
    }

    /**
     * The top-level claims {@code template} renders to for {@code entity} (null: none) and {@code groups}, in the
     * template's order, reserved claims left out. A template that fails at token time is only logged by Vault, so
     * it contributes no claims.
     */
    static Map<String, Object> claims(String template, EntitySnapshot entity, List<GroupSnapshot> groups, Instant now) {
        if (template.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> parsed;
        try {
            parsed = OidcJson.parseObject(render(template, entity, groups, now));
        } catch (TemplateException | OidcJson.GoJsonException e) {
            return Map.of();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        parsed.forEach((claim, value) -> {
            if (!OidcEngine.RESERVED_CLAIMS.contains(claim)) {
                claims.put(claim, value);
            }
        });
        return claims;
    }

    /** What role validation renders with: {@code new(logical.Entity)}, all fields zero. */
    static EntitySnapshot emptyEntity() {
        return new EntitySnapshot("", "", false, null, null, null);
    }

    private static String directive(String input, EntitySnapshot entity, List<GroupSnapshot> groups, Instant now)
            throws TemplateException {
        if (input.startsWith("identity.entity.")) {
            if (entity == null) {
                throw new TemplateException(ERR_NO_ENTITY);
            }
            return entityValue(input.substring("identity.entity.".length()), entity, groups);
        }
        if (input.startsWith("identity.groups.")) {
            if (groups.isEmpty()) {
                throw new TemplateException(ERR_NO_GROUPS);
            }
            return groupValue(input.substring("identity.groups.".length()), groups);
        }
        if (input.startsWith("time.")) {
            return timeValue(input.substring("time.".length()), now);
        }
        throw new TemplateException(ERR_NOT_FOUND);
    }

    private static String entityValue(String sel, EntitySnapshot entity, List<GroupSnapshot> groups)
            throws TemplateException {
        switch (sel) {
            case "id":
                return json(entity.id());
            case "name":
                return json(entity.name());
            case "metadata":
                return jsonMap(entity.metadata(), true);
            case "groups.names": {
                List<String> names = new ArrayList<>();
                groups.forEach(g -> names.add(g.name()));
                return names.isEmpty() ? "null" : OidcJson.write(names);
            }
            case "groups.ids": {
                List<String> ids = new ArrayList<>();
                groups.forEach(g -> ids.add(g.id()));
                return ids.isEmpty() ? "null" : OidcJson.write(ids);
            }
            default:
                break;
        }
        if (sel.startsWith("metadata.")) {
            return json(entity.metadata().getOrDefault(sel.substring("metadata.".length()), ""));
        }
        if (sel.startsWith("aliases.")) {
            String rest = sel.substring("aliases.".length());
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new TemplateException("invalid alias selector");
            }
            String accessor = rest.substring(0, dot);
            AliasSnapshot alias = null;
            for (AliasSnapshot a : entity.aliases()) {
                if (accessor.equals(a.mountAccessor())) {
                    alias = a;
                    break;
                }
            }
            // JSON mode: an empty alias (with empty, non-nil maps) stands in for a missing one.
            boolean missing = alias == null;
            if (missing) {
                alias = new AliasSnapshot("", "", accessor, null, null);
            }
            return aliasValue(rest.substring(dot + 1), alias, missing);
        }
        throw new TemplateException(ERR_NOT_FOUND);
    }

    private static String aliasValue(String sel, AliasSnapshot alias, boolean missing) throws TemplateException {
        switch (sel) {
            case "id":
                return json(alias.id());
            case "name":
                return json(alias.name());
            case "metadata":
                return jsonMap(alias.metadata(), !missing);
            case "custom_metadata":
                return jsonMap(alias.customMetadata(), !missing);
            default:
                break;
        }
        if (sel.startsWith("metadata.")) {
            return json(alias.metadata().getOrDefault(sel.substring("metadata.".length()), ""));
        }
        if (sel.startsWith("custom_metadata.")) {
            return json(alias.customMetadata().getOrDefault(sel.substring("custom_metadata.".length()), ""));
        }
        throw new TemplateException(ERR_NOT_FOUND);
    }

    private static String groupValue(String sel, List<GroupSnapshot> groups) throws TemplateException {
        int dot = sel.indexOf('.');
        if (dot < 0) {
            throw new TemplateException("invalid groups selector");
        }
        String kind = sel.substring(0, dot);
        if (!kind.equals("ids") && !kind.equals("names")) {
            throw new TemplateException("invalid groups selector");
        }
        boolean byId = kind.equals("ids");
        String rest = sel.substring(dot + 1);
        int dot2 = rest.indexOf('.');
        if (dot2 < 0) {
            throw new TemplateException("invalid groups accessor");
        }
        String wanted = rest.substring(0, dot2);
        GroupSnapshot found = null;
        for (GroupSnapshot g : groups) {
            if (wanted.equals(byId ? g.id() : g.name())) {
                found = g;
                break;
            }
        }
        if (found == null) {
            throw new TemplateException("entity is not a member of group \"" + wanted + "\"");
        }
        String field = rest.substring(dot2 + 1);
        if (field.equals("id")) {
            return found.id();
        }
        if (field.equals("name")) {
            if (found.name() == null || found.name().isEmpty()) {
                throw new TemplateException(ERR_NOT_FOUND);
            }
            return found.name();
        }
        if (field.startsWith("metadata.")) {
            String v = found.metadata().get(field.substring("metadata.".length()));
            if (v == null) {
                throw new TemplateException(ERR_NOT_FOUND);
            }
            return v;
        }
        throw new TemplateException(ERR_NOT_FOUND);
    }

    private static String timeValue(String sel, Instant now) throws TemplateException {
        String[] ops = sel.split("\\.", 3);
        if (!ops[0].equals("now")) {
            throw new TemplateException("invalid time selector \"" + ops[0] + "\"");
        }
        if (ops.length == 1) {
            return Long.toString(now.getEpochSecond());
        }
        if (ops.length == 2) {
            throw new TemplateException("missing time operand");
        }
        long seconds;
        try {
            seconds = Fields.durationSeconds(Map.of("d", ops[2]), "d").orElse(0L);
        } catch (Fields.FieldValidationException e) {
            String msg = e.getMessage();
            throw new TemplateException("invalid duration: " + msg.substring(msg.indexOf("\": ") + 3));
        }
        return switch (ops[1]) {
            case "plus" -> Long.toString(now.getEpochSecond() + seconds);
            case "minus" -> Long.toString(now.getEpochSecond() - seconds);
            default -> throw new TemplateException("invalid time operator \"" + ops[1] + "\"");
        };
    }

    private static String json(String s) {
        return OidcJson.write(s == null ? "" : s);
    }

    /**
     * A map JSON-encoded with Go's sorted keys. An empty map that Vault would hold as nil (an entity
     * or alias without metadata) encodes as {@code null}; the stand-in for a missing alias has
     * non-nil empty maps and encodes as {@code {}}.
     */
    private static String jsonMap(Map<String, String> m, boolean emptyIsNil) {
        if (m.isEmpty() && emptyIsNil) {
            return "null";
        }
        return OidcJson.write(new TreeMap<>(m));
    }
}
