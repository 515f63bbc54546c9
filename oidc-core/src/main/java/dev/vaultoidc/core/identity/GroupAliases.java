package dev.vaultoidc.core.identity;

import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Group aliases (spec §5): {@code vault.identity().groupAliases()}. A group alias ties an auth
 * method's group name to an external group. Thread-safe.
 */
public final class GroupAliases {

    private final VaultOperations ops;

    GroupAliases(VaultOperations ops) {
        this.ops = ops;
    }

    /**
     * Creates a group alias, or updates the one with {@link GroupAliasRequest#id()} if set. Without a
     * {@code canonicalId}, a create makes a new external group. hvac {@code create_or_update_group_alias}.
     *
     * @return the alias and its group, or empty when an update changed nothing
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} e.g. for an internal group, an
     *     unknown or local mount, or a name already used on that mount
     */
    public Optional<AliasRef> createOrUpdate(GroupAliasRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/group-alias", request).map(r -> r.dataAs(AliasRef.class));
    }

    /**
     * Updates the group alias with this ID (hvac {@code update_group_alias}, whose parameter is
     * misleadingly called {@code entity_id}). A different {@code canonicalId} moves it to that group.
     *
     * @return the alias and its group, or empty when nothing changed
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} if no alias has this ID
     */
    public Optional<AliasRef> update(String id, GroupAliasRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/group-alias/id/" + Values.id(id, "alias id"), request, true)
                .map(r -> r.dataAs(AliasRef.class));
    }

    /** The group alias with this ID, or empty. */
    public Optional<GroupAlias> read(String id) {
        return ops.read("identity/group-alias/id/" + Values.id(id, "alias id")).map(r -> r.dataAs(GroupAlias.class));
    }

    /** Deletes the group alias; nothing happens if it does not exist. */
    public void delete(String id) {
        ops.delete("identity/group-alias/id/" + Values.id(id, "alias id"));
    }

    /** All group aliases with their {@code key_info}, in Vault's order; empty when there are none. */
    public List<AliasListing> list() {
        return Listings.aliases(ops.list("identity/group-alias/id"));
    }

    /** Like {@link #list()}, with the given list mode. */
    public List<AliasListing> list(ListMode mode) {
        return Listings.aliases(ops.list("identity/group-alias/id", mode));
    }
}
