package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An entity alias as Vault returns it (spec §3.4), standalone or inside {@link Entity#aliases()}.
 *
 * @param id                     the alias ID
 * @param canonicalId            the ID of the entity the alias belongs to
 * @param mountAccessor          the auth mount's accessor, e.g. {@code auth_userpass_e50b1a44}
 * @param mountType              the auth mount's type, or null when the accessor no longer resolves
 * @param mountPath              the auth mount's path (e.g. {@code auth/userpass/}), or null likewise
 * @param name                   the alias name (the auth method's user name, role ID...)
 * @param namespaceId            {@code root} outside Vault Enterprise namespaces
 * @param local                  whether the mount is local to a cluster
 * @param metadata               set by the auth method at login (read-only through the API); empty if none
 * @param customMetadata         set through the API ({@link EntityAliasRequest#customMetadata()}); empty if none
 * @param mergedFromCanonicalIds entities this alias was merged from; empty if none
 * @param creationTime           when the alias was created, or null if Vault did not say
 * @param lastUpdateTime         when the alias was last changed, or null if Vault did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityAlias(
        @JsonProperty("id") String id,
        @JsonProperty("canonical_id") String canonicalId,
        @JsonProperty("mount_accessor") String mountAccessor,
        @JsonProperty("mount_type") String mountType,
        @JsonProperty("mount_path") String mountPath,
        @JsonProperty("name") String name,
        @JsonProperty("namespace_id") String namespaceId,
        @JsonProperty("local") boolean local,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("custom_metadata") Map<String, String> customMetadata,
        @JsonProperty("merged_from_canonical_ids") List<String> mergedFromCanonicalIds,
        @JsonProperty("creation_time") Instant creationTime,
        @JsonProperty("last_update_time") Instant lastUpdateTime) {

    /** Null maps and lists from Vault become empty. */
    public EntityAlias {
        metadata = Values.map(metadata);
        customMetadata = Values.map(customMetadata);
        mergedFromCanonicalIds = Values.list(mergedFromCanonicalIds);
    }
}
