package dev.vaultoidc.core.identity;

import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Entity aliases (spec §3): {@code vault.identity().entityAliases()}. An alias ties an auth
 * method's user (mount accessor + name) to an entity. Thread-safe.
 *
 * <p>Writes return the alias's {@link AliasRef} whenever Vault answers with one (creates and
 * effective updates), and empty when Vault reports a no-op (204: nothing changed).
 */
public final class EntityAliases {

    private final VaultOperations ops;

    EntityAliases(VaultOperations ops) {
        this.ops = ops;
    }

    /**
     * Creates an alias, or updates one: the one with {@link EntityAliasRequest#id()} if set, else the
     * one with the same mount accessor and name. Without a {@code canonicalId}, a create makes a new
     * entity for the alias. hvac {@code create_or_update_entity_alias}, plus {@code custom_metadata}.
     *
     * <p>Vault quirk (spec §3.1): updating through mount accessor and name (no ID) clears the alias's
     * custom metadata unless the request sets it; updating by ID keeps it.
     *
     * @return the alias and its entity, or empty when Vault made no change
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} e.g. for an unknown accessor or
     *     entity, or when the entity already has an alias on that mount
     */
    public Optional<AliasRef> createOrUpdate(EntityAliasRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/entity-alias", request).map(r -> r.dataAs(AliasRef.class));
    }

    /**
     * Updates the alias with this ID; omitted fields keep their value, custom metadata included. A
     * different {@code canonicalId} moves the alias to that entity.
     *
     * @return the alias and the entity that owns it now, or empty when nothing changed
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} if no alias has this ID
     */
    public Optional<AliasRef> update(String id, EntityAliasRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/entity-alias/id/" + Values.id(id, "alias id"), request, true)
                .map(r -> r.dataAs(AliasRef.class));
    }

    /** The alias with this ID, or empty. */
    public Optional<EntityAlias> read(String id) {
        return ops.read("identity/entity-alias/id/" + Values.id(id, "alias id")).map(r -> r.dataAs(EntityAlias.class));
    }

    /** Deletes the alias; nothing happens if it does not exist. */
    public void delete(String id) {
        ops.delete("identity/entity-alias/id/" + Values.id(id, "alias id"));
    }

    /** All entity aliases with their {@code key_info}, in Vault's order; empty when there are none. */
    public List<AliasListing> list() {
        return Listings.aliases(ops.list("identity/entity-alias/id"));
    }

    /** Like {@link #list()}, with the given list mode. */
    public List<AliasListing> list(ListMode mode) {
        return Listings.aliases(ops.list("identity/entity-alias/id", mode));
    }
}
