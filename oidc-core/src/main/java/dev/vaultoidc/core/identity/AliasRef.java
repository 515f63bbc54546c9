package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Vault returns when an entity or group alias is created or changed (spec §3.1, §3.3, §5.1).
 *
 * @param id          the alias ID
 * @param canonicalId the ID of the entity (or group) that owns the alias after the write; for an
 *                    entity alias created without one, the ID of the entity Vault created for it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AliasRef(
        @JsonProperty("id") String id,
        @JsonProperty("canonical_id") String canonicalId) {}
