package dev.vaultoidc.core.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.http.VaultOperations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OIDC provider's assignments ({@code identity/oidc/assignment}, spec §9.2), reached as
 * {@code vault.identity().oidc().assignments()}. Thread-safe; every method is one Vault request.
 */
public final class OidcAssignments {

    /**
     * The built-in assignment that admits every entity. It can be read and listed, never written or deleted
     * (Vault answers 400).
     */
    public static final String ALLOW_ALL = "allow_all";

    private static final String BASE = "identity/oidc/assignment";

    private final VaultOperations ops;

    OidcAssignments(VaultOperations ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /** Creates the assignment, or replaces the lists {@code request} sets. */
    public void write(String name, Request request) {
        ops.write(BASE + "/" + Wire.name(name, "assignment name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads an assignment; empty when it does not exist. */
    public Optional<Assignment> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "assignment name"))
                .filter(r -> r.data() != null)
                .map(r -> {
                    JsonNode d = r.data();
                    return new Assignment(name, Wire.strings(d, "entity_ids"), Wire.strings(d, "group_ids"));
                });
    }

    /** The assignment names, lexicographic; always includes {@link #ALLOW_ALL}. */
    public List<String> list() {
        return ops.list(BASE).keys();
    }

    /**
     * Deletes an assignment; nothing happens when it does not exist. Vault refuses ({@code INVALID_REQUEST}) while
     * a client lists it, and for {@link #ALLOW_ALL}.
     */
    public void delete(String name) {
        ops.delete(BASE + "/" + Wire.name(name, "assignment name"));
    }

    @Override
    public String toString() {
        return "OidcAssignments[" + ops + "]";
    }

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
    public record Request(
            @JsonProperty("entity_ids") List<String> entityIds,
            @JsonProperty("group_ids") List<String> groupIds) {

        /** Copies the lists; null stays null (not sent). */
        public Request {
            entityIds = entityIds == null ? null : List.copyOf(entityIds);
            groupIds = groupIds == null ? null : List.copyOf(groupIds);
        }

        /** An assignment of these entities only (sends an empty group list). */
        public static Request entities(String... entityIds) {
            return new Request(List.of(entityIds), List.of());
        }

        /** An assignment of these groups only (sends an empty entity list). */
        public static Request groups(String... groupIds) {
            return new Request(List.of(), List.of(groupIds));
        }
    }

    /**
     * An OIDC provider assignment as Vault reports it ({@code GET identity/oidc/assignment/:name}, spec §9.2): the
     * entities and groups allowed to log in through the clients that list it.
     *
     * @param name      the assignment's name
     * @param entityIds entity IDs, sorted and lower-cased by Vault (OpenBao lower-cases only the part before the
     *                  first {@code .}); never checked for existence
     * @param groupIds  group IDs, normalised like {@code entityIds}
     */
    public record Assignment(String name, List<String> entityIds, List<String> groupIds) {
        /** Copies the lists, so the record is immutable. */
        public Assignment {
            entityIds = entityIds == null ? List.of() : List.copyOf(entityIds);
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }
    }
}
