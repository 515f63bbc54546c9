package dev.vaultoidc.core.identity;

import dev.vaultoidc.core.http.VaultOperations;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds entities and groups by one criterion (spec §6): {@code vault.identity().lookup()}. Each
 * method sends exactly one criterion, so Vault's "query parameter conflict" cannot happen. Nothing
 * found is {@link Optional#empty()} (Vault answers 204, not 404). Thread-safe.
 */
public final class IdentityLookup {

    private final VaultOperations ops;

    IdentityLookup(VaultOperations ops) {
        this.ops = ops;
    }

    /** The entity with this ID. */
    public Optional<Entity> entityById(String id) {
        return entity(Map.of("id", Objects.requireNonNull(id, "id")));
    }

    /** The entity with this name (case-insensitive). */
    public Optional<Entity> entityByName(String name) {
        return entity(Map.of("name", Objects.requireNonNull(name, "name")));
    }

    /** The entity owning the alias with this ID. */
    public Optional<Entity> entityByAliasId(String aliasId) {
        return entity(Map.of("alias_id", Objects.requireNonNull(aliasId, "aliasId")));
    }

    /** The entity owning the alias with this name on the mount with this accessor. */
    public Optional<Entity> entityByAlias(String mountAccessor, String aliasName) {
        return entity(aliasQuery(mountAccessor, aliasName));
    }

    /** The group with this ID. */
    public Optional<Group> groupById(String id) {
        return group(Map.of("id", Objects.requireNonNull(id, "id")));
    }

    /** The group with this name (case-insensitive). */
    public Optional<Group> groupByName(String name) {
        return group(Map.of("name", Objects.requireNonNull(name, "name")));
    }

    /** The group owning the group alias with this ID. */
    public Optional<Group> groupByAliasId(String aliasId) {
        return group(Map.of("alias_id", Objects.requireNonNull(aliasId, "aliasId")));
    }

    /** The group owning the group alias with this name on the mount with this accessor. */
    public Optional<Group> groupByAlias(String mountAccessor, String aliasName) {
        return group(aliasQuery(mountAccessor, aliasName));
    }

    private static Map<String, String> aliasQuery(String mountAccessor, String aliasName) {
        return Map.of(
                "alias_mount_accessor",
                Objects.requireNonNull(mountAccessor, "mountAccessor"),
                "alias_name",
                Objects.requireNonNull(aliasName, "aliasName"));
    }

    // Lookups are read-like POSTs: safe to retry (see VaultOperations).
    private Optional<Entity> entity(Map<String, String> query) {
        return ops.write("identity/lookup/entity", query, true).map(r -> r.dataAs(Entity.class));
    }

    private Optional<Group> group(Map<String, String> query) {
        return ops.write("identity/lookup/group", query, true).map(r -> r.dataAs(Group.class));
    }
}
