package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The fields of a group-alias write (spec §5). Vault requires the name and mount accessor on every
 * write, so the builder does too.
 *
 * @param id            the alias to update (only meaningful for {@link GroupAliases#createOrUpdate}); null to not send
 * @param name          the group name as the auth method reports it
 * @param mountAccessor the auth mount's accessor
 * @param canonicalId   the external group to attach the alias to; null lets Vault create an external group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupAliasRequest(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("mount_accessor") String mountAccessor,
        @JsonProperty("canonical_id") String canonicalId) {

    /** Vault refuses a group-alias write without name and accessor (spec §5.1, §5.2): fail before sending. */
    public GroupAliasRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mountAccessor, "mountAccessor");
    }

    /** A request for an alias with this name on the mount with this accessor. */
    public static Builder builder(String name, String mountAccessor) {
        return new Builder(name, mountAccessor);
    }

    /** Builds a {@link GroupAliasRequest}. */
    public static final class Builder {
        private String id;
        private final String name;
        private final String mountAccessor;
        private String canonicalId;

        private Builder(String name, String mountAccessor) {
            this.name = Objects.requireNonNull(name, "name");
            this.mountAccessor = Objects.requireNonNull(mountAccessor, "mountAccessor");
        }

        /** The ID of the alias to update. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The external group to attach the alias to. */
        public Builder canonicalId(String canonicalId) {
            this.canonicalId = canonicalId;
            return this;
        }

        /** The request. */
        public GroupAliasRequest build() {
            return new GroupAliasRequest(id, name, mountAccessor, canonicalId);
        }
    }
}
