package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fields to write to an assignment ({@code identity/oidc/assignment/:name}). Null fields are not sent, so an
 * update keeps what it does not mention; a list that is sent replaces the stored list.
 *
 * <p>{@code "*"} inside an assignment is not a wildcard (only the built-in assignment
 * {@link OidcAssignments#ALLOW_ALL} admits everyone).
 *
 * @param entityIds entity IDs; null to not send
 * @param groupIds  group IDs (members of their subgroups match too); null to not send
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignmentRequest(
        @JsonProperty("entity_ids") List<String> entityIds,
        @JsonProperty("group_ids") List<String> groupIds) {

    /** Copies the lists; null stays null (not sent). */
    public AssignmentRequest {
        entityIds = entityIds == null ? null : List.copyOf(entityIds);
        groupIds = groupIds == null ? null : List.copyOf(groupIds);
    }

    /** An assignment of these entities only (sends an empty group list). */
    public static AssignmentRequest entities(String... entityIds) {
        return new AssignmentRequest(List.of(entityIds), List.of());
    }

    /** An assignment of these groups only (sends an empty entity list). */
    public static AssignmentRequest groups(String... groupIds) {
        return new AssignmentRequest(List.of(), List.of(groupIds));
    }
}
