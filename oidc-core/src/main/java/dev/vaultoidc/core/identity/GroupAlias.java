package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A group alias as Vault returns it (spec §5.3), standalone or as {@link Group#alias()}. Only
 * external groups have one.
 *
 * @param id                     the alias ID
 * @param canonicalId            the ID of the (external) group it belongs to
 * @param mountAccessor          the auth mount's accessor
 * @param mountType              the auth mount's type, or null when the accessor no longer resolves
 * @param mountPath              the auth mount's path, or null likewise
 * @param name                   the group name as the auth method reports it
 * @param namespaceId            {@code root} outside Vault Enterprise namespaces, or null if not sent
 * @param metadata               alias metadata; empty if none
 * @param mergedFromCanonicalIds empty if none
 * @param creationTime           when the alias was created, or null
 * @param lastUpdateTime         when the alias was last changed, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroupAlias(
        @JsonProperty("id") String id,
        @JsonProperty("canonical_id") String canonicalId,
        @JsonProperty("mount_accessor") String mountAccessor,
        @JsonProperty("mount_type") String mountType,
        @JsonProperty("mount_path") String mountPath,
        @JsonProperty("name") String name,
        @JsonProperty("namespace_id") String namespaceId,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("merged_from_canonical_ids") List<String> mergedFromCanonicalIds,
        @JsonProperty("creation_time") Instant creationTime,
        @JsonProperty("last_update_time") Instant lastUpdateTime) {

    /** Null maps and lists from Vault become empty. */
    public GroupAlias {
        metadata = Values.map(metadata);
        mergedFromCanonicalIds = Values.list(mergedFromCanonicalIds);
    }
}
