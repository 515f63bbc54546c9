package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An entity as Vault returns it from a read or lookup (spec §2.4). Lists and maps are never null.
 *
 * @param id                the entity ID
 * @param name              the name in its stored case (names compare case-insensitively in Vault)
 * @param metadata          entity metadata; empty if never set
 * @param policies          policies attached directly, sorted by Vault
 * @param disabled          whether tokens of this entity are refused
 * @param namespaceId       {@code root} outside Vault Enterprise namespaces
 * @param creationTime      when the entity was created, or null if Vault did not say
 * @param lastUpdateTime    when the entity was last changed, or null if Vault did not say
 * @param mergedEntityIds   IDs of entities merged into this one
 * @param aliases           the entity's aliases, at most one per auth mount
 * @param directGroupIds    groups listing this entity as a member
 * @param inheritedGroupIds ancestors of the direct groups
 * @param groupIds          direct then inherited group IDs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Entity(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("policies") List<String> policies,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("namespace_id") String namespaceId,
        @JsonProperty("creation_time") Instant creationTime,
        @JsonProperty("last_update_time") Instant lastUpdateTime,
        @JsonProperty("merged_entity_ids") List<String> mergedEntityIds,
        @JsonProperty("aliases") List<EntityAlias> aliases,
        @JsonProperty("direct_group_ids") List<String> directGroupIds,
        @JsonProperty("inherited_group_ids") List<String> inheritedGroupIds,
        @JsonProperty("group_ids") List<String> groupIds) {

    /** Null maps and lists from Vault become empty. */
    public Entity {
        metadata = Values.map(metadata);
        policies = Values.list(policies);
        mergedEntityIds = Values.list(mergedEntityIds);
        aliases = Values.list(aliases);
        directGroupIds = Values.list(directGroupIds);
        inheritedGroupIds = Values.list(inheritedGroupIds);
        groupIds = Values.list(groupIds);
    }
}
