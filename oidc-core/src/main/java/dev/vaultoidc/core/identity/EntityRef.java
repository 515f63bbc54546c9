package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Vault returns when an entity is created (spec §2.1).
 *
 * @param id   the new entity's ID
 * @param name its name (generated as {@code entity_xxxxxxxx} when none was given); null from Vault
 *             versions that only return the ID
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityRef(
        @JsonProperty("id") String id, @JsonProperty("name") String name) {}
