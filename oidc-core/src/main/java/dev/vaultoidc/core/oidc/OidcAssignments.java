package dev.vaultoidc.core.oidc;

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
    public void write(String name, AssignmentRequest request) {
        ops.write(BASE + "/" + Wire.name(name, "assignment name"), Objects.requireNonNull(request, "request"), true);
    }

    /** Reads an assignment; empty when it does not exist. */
    public Optional<OidcAssignment> read(String name) {
        return ops.read(BASE + "/" + Wire.name(name, "assignment name"))
                .filter(r -> r.data() != null)
                .map(r -> {
                    JsonNode d = r.data();
                    return new OidcAssignment(name, Wire.strings(d, "entity_ids"), Wire.strings(d, "group_ids"));
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
}
