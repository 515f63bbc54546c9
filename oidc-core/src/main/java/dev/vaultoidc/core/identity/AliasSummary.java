package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The short form of an alias that entity and group listings carry in {@code key_info} (spec §2.7, §4.7).
 *
 * @param id            the alias ID
 * @param name          the alias name
 * @param mountAccessor the auth mount's accessor
 * @param mountType     the mount type, or null when the accessor no longer resolves
 * @param mountPath     the mount path, or null likewise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AliasSummary(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("mount_accessor") String mountAccessor,
        @JsonProperty("mount_type") String mountType,
        @JsonProperty("mount_path") String mountPath) {}
