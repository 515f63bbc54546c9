package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One entry of {@link EntityAliases#list()} or {@link GroupAliases#list()}: the alias ID and its
 * {@code key_info} (spec §3.6, §5.3).
 *
 * @param id             the alias ID
 * @param name           the alias name, or null if Vault sent no {@code key_info} for it
 * @param canonicalId    the owning entity (or group) ID
 * @param mountAccessor  the auth mount's accessor
 * @param mountType      the mount type, or null when the accessor no longer resolves
 * @param mountPath      the mount path, or null likewise
 * @param local          whether the mount is local
 * @param metadata       login metadata (listed by Vault 1.18 and later); empty otherwise
 * @param customMetadata custom metadata; empty if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AliasListing(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("canonical_id") String canonicalId,
        @JsonProperty("mount_accessor") String mountAccessor,
        @JsonProperty("mount_type") String mountType,
        @JsonProperty("mount_path") String mountPath,
        @JsonProperty("local") boolean local,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("custom_metadata") Map<String, String> customMetadata) {

    /** Null maps become empty. */
    public AliasListing {
        metadata = Values.map(metadata);
        customMetadata = Values.map(customMetadata);
    }

    AliasListing withId(String listedId) {
        return new AliasListing(
                listedId, name, canonicalId, mountAccessor, mountType, mountPath, local, metadata, customMetadata);
    }
}
