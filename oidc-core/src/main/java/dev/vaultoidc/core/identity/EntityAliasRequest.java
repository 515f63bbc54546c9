package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The fields of an entity-alias write (spec §3). Only fields that were set are sent.
 *
 * @param id             the alias to update (only meaningful for {@link EntityAliases#createOrUpdate}); null to not send
 * @param name           the alias name (e.g. the user name the auth method reports); null to not send
 * @param canonicalId    the owning entity; on create, null lets Vault create a new entity for the alias;
 *                       on update, a different ID moves the alias
 * @param mountAccessor  the auth mount's accessor; null to not send
 * @param customMetadata custom metadata (Vault 1.9+), replacing the stored map; null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityAliasRequest(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("canonical_id") String canonicalId,
        @JsonProperty("mount_accessor") String mountAccessor,
        @JsonProperty("custom_metadata") Map<String, String> customMetadata) {

    /** Copies the map so the request stays immutable; null stays null (not sent). */
    public EntityAliasRequest {
        customMetadata = Values.requestMap(customMetadata);
    }

    /** An empty builder: nothing is sent unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EntityAliasRequest}. */
    public static final class Builder {
        private String id;
        private String name;
        private String canonicalId;
        private String mountAccessor;
        private Map<String, String> customMetadata;

        private Builder() {}

        /** The ID of the alias to update. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The alias name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The owning entity's ID. */
        public Builder canonicalId(String canonicalId) {
            this.canonicalId = canonicalId;
            return this;
        }

        /** The auth mount's accessor. */
        public Builder mountAccessor(String mountAccessor) {
            this.mountAccessor = mountAccessor;
            return this;
        }

        /** Custom metadata, replacing the stored map; an empty map clears it. */
        public Builder customMetadata(Map<String, String> customMetadata) {
            this.customMetadata = customMetadata;
            return this;
        }

        /** The request. */
        public EntityAliasRequest build() {
            return new EntityAliasRequest(id, name, canonicalId, mountAccessor, customMetadata);
        }
    }
}
