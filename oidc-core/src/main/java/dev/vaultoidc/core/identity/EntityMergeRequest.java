package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An entity merge (spec §2.8): the from-entities' aliases move to the target and the from-entities
 * are deleted. Policies and metadata are not merged.
 *
 * <pre>{@code
 * EntityMergeRequest.into(targetId).from(otherId).keepAliases(aliasId).build();
 * }</pre>
 *
 * @param toEntityId                 the entity that remains
 * @param fromEntityIds              the entities merged into it and deleted
 * @param force                      on MFA-secret conflicts, keep the target's secrets instead of failing; null to not send
 * @param conflictingAliasIdsToKeep  for aliases on the same mount, the alias IDs to keep (Vault 1.12+;
 *                                   one from-entity at a time); null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityMergeRequest(
        @JsonProperty("to_entity_id") String toEntityId,
        @JsonProperty("from_entity_ids") List<String> fromEntityIds,
        @JsonProperty("force") Boolean force,
        @JsonProperty("conflicting_alias_ids_to_keep") List<String> conflictingAliasIdsToKeep) {

    /** Validates what Vault would reject anyway, before sending. */
    public EntityMergeRequest {
        Objects.requireNonNull(toEntityId, "toEntityId");
        fromEntityIds = List.copyOf(Objects.requireNonNull(fromEntityIds, "fromEntityIds"));
        if (fromEntityIds.isEmpty()) {
            throw new IllegalArgumentException("fromEntityIds must not be empty");
        }
        conflictingAliasIdsToKeep = Values.requestList(conflictingAliasIdsToKeep);
    }

    /** Starts a merge into {@code toEntityId}. */
    public static Builder into(String toEntityId) {
        return new Builder(toEntityId);
    }

    /** Builds an {@link EntityMergeRequest}. */
    public static final class Builder {
        private final String toEntityId;
        private List<String> fromEntityIds = List.of();
        private Boolean force;
        private List<String> keep;

        private Builder(String toEntityId) {
            this.toEntityId = Objects.requireNonNull(toEntityId, "toEntityId");
        }

        /** The entities to merge into the target. */
        public Builder from(Collection<String> ids) {
            this.fromEntityIds = List.copyOf(ids);
            return this;
        }

        /** The entities to merge into the target. */
        public Builder from(String... ids) {
            return from(List.of(ids));
        }

        /** Resolve MFA-secret conflicts in favour of the target instead of failing. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Resolves alias clashes (both sides have an alias on one mount): for each clash, the listed
         * alias is kept and the other deleted. Without it, a clash fails the merge with
         * {@link EntityMergeConflictException}.
         */
        public Builder keepAliases(Collection<String> aliasIds) {
            this.keep = List.copyOf(aliasIds);
            return this;
        }

        /** See {@link #keepAliases(Collection)}. */
        public Builder keepAliases(String... aliasIds) {
            return keepAliases(List.of(aliasIds));
        }

        /** The request. */
        public EntityMergeRequest build() {
            return new EntityMergeRequest(toEntityId, fromEntityIds, force, keep);
        }
    }
}
