package dev.vaultoidc.core.oidc;

import java.util.List;

/**
 * An OIDC provider assignment as Vault reports it ({@code GET identity/oidc/assignment/:name}, spec §9.2): the
 * entities and groups allowed to log in through the clients that list it.
 *
 * @param name      the assignment's name
 * @param entityIds entity IDs, sorted and lower-cased by Vault (OpenBao lower-cases only the part before the
 *                  first {@code .}); never checked for existence
 * @param groupIds  group IDs, normalised like {@code entityIds}
 */
public record OidcAssignment(String name, List<String> entityIds, List<String> groupIds) {
    /** Copies the lists, so the record is immutable. */
    public OidcAssignment {
        entityIds = entityIds == null ? List.of() : List.copyOf(entityIds);
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }
}
