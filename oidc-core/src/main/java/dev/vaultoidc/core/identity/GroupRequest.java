package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vaultoidc.core.identity.Group.GroupType;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of a group write (spec §4). Only fields that were set are sent: an omitted member
 * list keeps the group's members, and an omitted type keeps its type, so updating an external
 * group never needs its type (unlike hvac, spec §8.3 Q1/Q2). An explicitly empty list clears.
 *
 * @param id              the group to update (only meaningful for {@link Groups#createOrUpdate}); null to not send
 * @param name            the group name; null to not send
 * @param type            the type; Vault defaults new groups to internal and refuses to change it; null to not send
 * @param metadata        metadata, replacing the stored map; null to not send
 * @param policies        policies, replacing the stored list; null to not send
 * @param memberEntityIds member entities, replacing the stored list (internal groups only); null to not send
 * @param memberGroupIds  child groups, replacing the current children (internal groups only); null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupRequest(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("type") GroupType type,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("policies") List<String> policies,
        @JsonProperty("member_entity_ids") List<String> memberEntityIds,
        @JsonProperty("member_group_ids") List<String> memberGroupIds) {

    /** Copies collections so the request stays immutable; nulls stay null (not sent). */
    public GroupRequest {
        metadata = Values.requestMap(metadata);
        policies = Values.requestList(policies);
        memberEntityIds = Values.requestList(memberEntityIds);
        memberGroupIds = Values.requestList(memberGroupIds);
    }

    /** An empty builder: nothing is sent unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GroupRequest}. */
    public static final class Builder {
        private String id;
        private String name;
        private GroupType type;
        private Map<String, String> metadata;
        private List<String> policies;
        private List<String> memberEntityIds;
        private List<String> memberGroupIds;

        private Builder() {}

        /** The ID of the group to update. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The group name (a rename when updating by ID). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The group type; set it on create only, Vault never changes it. */
        public Builder type(GroupType type) {
            this.type = type;
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

        /** Member entities, replacing the stored list; an empty list removes all. */
        public Builder memberEntityIds(Collection<String> ids) {
            this.memberEntityIds = ids == null ? null : List.copyOf(ids);
            return this;
        }

        /** Member entities, replacing the stored list; none removes all. */
        public Builder memberEntityIds(String... ids) {
            return memberEntityIds(List.of(ids));
        }

        /** Child groups, replacing the current children; an empty list removes all. */
        public Builder memberGroupIds(Collection<String> ids) {
            this.memberGroupIds = ids == null ? null : List.copyOf(ids);
            return this;
        }

        /** Child groups, replacing the current children; none removes all. */
        public Builder memberGroupIds(String... ids) {
            return memberGroupIds(List.of(ids));
        }

        /** The request. */
        public GroupRequest build() {
            return new GroupRequest(id, name, type, metadata, policies, memberEntityIds, memberGroupIds);
        }
    }
}
