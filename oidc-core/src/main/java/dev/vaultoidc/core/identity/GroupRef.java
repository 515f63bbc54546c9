package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Vault returns when a group is created (spec §4.4).
 *
 * @param id   the new group's ID
 * @param name its name (generated as {@code group_xxxxxxxx} when none was given)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroupRef(
        @JsonProperty("id") String id, @JsonProperty("name") String name) {}
