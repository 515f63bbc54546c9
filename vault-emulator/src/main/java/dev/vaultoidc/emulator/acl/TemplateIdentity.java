package dev.vaultoidc.emulator.acl;

import java.util.List;
import java.util.Map;

/**
 * The identity a token carries, for policies whose paths use ACL templating
 * ({@code path "secret/{{identity.entity.id}}/*"}).
 *
 * @param entityId the token's entity id
 * @param entityName the entity's name
 * @param entityMetadata the entity's metadata
 * @param aliases the entity's aliases (matched by mount accessor)
 * @param groups the groups the entity belongs to, directly or through nesting
 */
public record TemplateIdentity(
        String entityId,
        String entityName,
        Map<String, String> entityMetadata,
        List<Alias> aliases,
        List<Group> groups) {

    /** An entity alias as templates see it. */
    public record Alias(
            String mountAccessor,
            String id,
            String name,
            Map<String, String> metadata,
            Map<String, String> customMetadata) {
        public Alias {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
        }
    }

    /** A group as templates see it. */
    public record Group(String id, String name, Map<String, String> metadata) {
        public Group {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    public TemplateIdentity {
        entityMetadata = entityMetadata == null ? Map.of() : Map.copyOf(entityMetadata);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
