package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of an entity write (spec §2). Only fields that were set are sent: Vault keeps every
 * omitted field and <em>replaces</em> every supplied one (metadata and policies are not merged).
 * An explicitly empty list or map clears the value.
 *
 * <pre>{@code
 * EntityRequest.builder().name("billing").metadata(Map.of("team", "payments")).build();
 * }</pre>
 *
 * @param id       the entity to update (only meaningful for {@link Entities#createOrUpdate}); null to not send
 * @param name     the entity name; null to not send
 * @param metadata metadata, replacing the stored map; null to not send
 * @param policies policies, replacing the stored list; null to not send
 * @param disabled whether the entity is disabled; null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityRequest(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("policies") List<String> policies,
        @JsonProperty("disabled") Boolean disabled) {

    /** Copies collections so the request stays immutable; nulls stay null (not sent). */
    public EntityRequest {
        metadata = Values.requestMap(metadata);
        policies = Values.requestList(policies);
    }

    /** An empty builder: nothing is sent unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EntityRequest}. */
    public static final class Builder {
        private String id;
        private String name;
        private Map<String, String> metadata;
        private List<String> policies;
        private Boolean disabled;

        private Builder() {}

        /** The ID of the entity to update. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The entity name (a rename when updating by ID). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Metadata, replacing the stored map; an empty map clears it. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Policies, replacing the stored list; none clears it. */
        public Builder policies(Collection<String> policies) {
            this.policies = policies == null ? null : List.copyOf(policies);
            return this;
        }

        /** Policies, replacing the stored list; none clears it. */
        public Builder policies(String... policies) {
            return policies(List.of(policies));
        }

        /** Whether the entity is disabled. */
        public Builder disabled(boolean disabled) {
            this.disabled = disabled;
            return this;
        }

        /** The request. */
        public EntityRequest build() {
            return new EntityRequest(id, name, metadata, policies, disabled);
        }
    }
}
