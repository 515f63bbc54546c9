package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A group as Vault returns it from a read or lookup (spec §4.5). Lists and maps are never null
 * (Vault sends {@code null} for lists never set).
 *
 * @param id              the group ID
 * @param name            the name in its stored case
 * @param type            internal or external
 * @param namespaceId     {@code root} outside Vault Enterprise namespaces
 * @param modifyIndex     incremented on every change to the group
 * @param policies        policies attached to the group
 * @param memberEntityIds member entities (internal groups only)
 * @param memberGroupIds  child groups, i.e. groups that list this one as a parent
 * @param parentGroupIds  groups this group is a member of (may keep IDs of deleted parents, spec §4.6)
 * @param metadata        group metadata; empty if never set
 * @param creationTime    when the group was created, or null if Vault did not say
 * @param lastUpdateTime  when the group was last changed, or null if Vault did not say
 * @param alias           the alias of an external group, or null when it has none (Vault sends {@code {}});
 *                        see {@link #findAlias()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Group(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("type") GroupType type,
        @JsonProperty("namespace_id") String namespaceId,
        @JsonProperty("modify_index") long modifyIndex,
        @JsonProperty("policies") List<String> policies,
        @JsonProperty("member_entity_ids") List<String> memberEntityIds,
        @JsonProperty("member_group_ids") List<String> memberGroupIds,
        @JsonProperty("parent_group_ids") List<String> parentGroupIds,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("creation_time") Instant creationTime,
        @JsonProperty("last_update_time") Instant lastUpdateTime,
        @JsonProperty("alias") GroupAlias alias) {

    /** Null lists and maps become empty; Vault's empty alias object {@code {}} becomes null. */
    public Group {
        policies = Values.list(policies);
        memberEntityIds = Values.list(memberEntityIds);
        memberGroupIds = Values.list(memberGroupIds);
        parentGroupIds = Values.list(parentGroupIds);
        metadata = Values.map(metadata);
        alias = alias == null || alias.id() == null || alias.id().isEmpty() ? null : alias;
    }

    /** The group's alias, empty for internal groups and external groups without one. */
    public Optional<GroupAlias> findAlias() {
        return Optional.ofNullable(alias);
    }

    /** Whether a group's members are managed explicitly or by an auth method at login (spec §4.8). */
    public enum GroupType {
        /** Members are set with {@code memberEntityIds}/{@code memberGroupIds}. Vault's default for new groups. */
        INTERNAL,
        /** Members come from an auth method through the group's alias; member lists cannot be set. */
        EXTERNAL;

        /** The value Vault uses on the wire. */
        @JsonValue
        public String wireValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static GroupType fromWire(String value) {
            return value == null ? null : GroupType.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
