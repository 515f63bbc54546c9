package dev.vaultoidc.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only view of the identity store that the OIDC engine needs to mint and introspect
 * tokens (spec §7.6, §7.7). Implemented by the identity store; snapshots are immutable copies.
 */
interface IdentityView {

    /** The entity with this ID, with its aliases and its direct + inherited groups. */
    Optional<EntitySnapshot> entity(String entityId);

    /** Namespace ID put in the {@code namespace} claim: {@code "root"} in CE. */
    default String namespaceId() {
        return "root";
    }

    record EntitySnapshot(
            String id,
            String name,
            boolean disabled,
            Map<String, String> metadata,
            List<AliasSnapshot> aliases,
            List<GroupSnapshot> groups) {
        public EntitySnapshot {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    record AliasSnapshot(
            String id,
            String name,
            String mountAccessor,
            Map<String, String> metadata,
            Map<String, String> customMetadata) {
        public AliasSnapshot {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
        }
    }

    /** A group the entity belongs to, directly or through parent groups. */
    record GroupSnapshot(String id, String name, Map<String, String> metadata) {
        public GroupSnapshot {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }
}
