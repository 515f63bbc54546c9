package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.http.VaultOperations;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Entities (spec §2): {@code vault.identity().entities()}. Thread-safe.
 *
 * <p>Create-or-update methods return the new entity's {@link Ref} when Vault created one and
 * {@link Optional#empty()} when it updated an existing entity (Vault answers 200 vs 204), so the
 * caller can tell the two apart. Reads return empty for an absent entity. Failures are
 * {@link VaultException}s; e.g. a name taken by another entity is
 * {@link VaultErrorReason#INVALID_REQUEST} with Vault's message "entity name is already in use".
 */
public final class Entities {

    private final VaultOperations ops;

    Entities(VaultOperations ops) {
        this.ops = ops;
    }

    /**
     * Creates an entity, or updates one: the one with {@link EntityRequest#id()} if set, else the one
     * with {@link EntityRequest#name()} if that exists (hvac {@code create_or_update_entity}).
     *
     * @return the created entity, or empty when an existing entity was updated
     */
    public Optional<Ref> createOrUpdate(EntityRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/entity", request).map(r -> r.dataAs(Ref.class));
    }

    /**
     * Creates the entity called {@code name}, or updates it if it exists; the request's own name is
     * ignored (the path wins). hvac {@code create_or_update_entity_by_name}.
     *
     * <p>Retried on transient failures (the write is idempotent); if Vault created the entity but
     * its answer was lost, the retry reports an update.
     *
     * @return the created entity, or empty when it existed and was updated
     */
    public Optional<Ref> createOrUpdateByName(String name, EntityRequest request) {
        Objects.requireNonNull(request, "request");
        return ops.write("identity/entity/name/" + Values.name(name, "entity name"), request, true)
                .map(r -> r.dataAs(Ref.class));
    }

    /**
     * Updates the entity with this ID; only the request's set fields change (a name renames it).
     *
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} if no entity has this ID
     */
    public void update(String id, EntityRequest request) {
        Objects.requireNonNull(request, "request");
        ops.write("identity/entity/id/" + Values.id(id, "entity id"), request, true);
    }

    /** The entity with this ID, or empty. */
    public Optional<Entity> read(String id) {
        return ops.read("identity/entity/id/" + Values.id(id, "entity id")).map(r -> r.dataAs(Entity.class));
    }

    /** The entity with this name (case-insensitive; may contain {@code /}), or empty. */
    public Optional<Entity> readByName(String name) {
        return ops.read("identity/entity/name/" + Values.name(name, "entity name"))
                .map(r -> r.dataAs(Entity.class));
    }

    /** Deletes the entity and its aliases; nothing happens if it does not exist. */
    public void delete(String id) {
        ops.delete("identity/entity/id/" + Values.id(id, "entity id"));
    }

    /** Deletes the entity with this name and its aliases; nothing happens if it does not exist. */
    public void deleteByName(String name) {
        ops.delete("identity/entity/name/" + Values.name(name, "entity name"));
    }

    /**
     * Deletes several entities in one request (Vault 1.5+; not in hvac). Unknown IDs are skipped; an
     * empty collection sends nothing.
     */
    public void batchDelete(Collection<String> ids) {
        List<String> checked =
                ids.stream().map(id -> Values.id(id, "entity id")).toList();
        if (checked.isEmpty()) {
            return; // Vault would answer 400 "missing entity ids to delete" for a request with nothing to do
        }
        ops.write("identity/entity/batch-delete", Map.of("entity_ids", checked), true);
    }

    /** All entities with their names and aliases, in Vault's order (by ID); empty when there are none. */
    public List<Summary> list() {
        return Listings.entities(ops.list("identity/entity/id"));
    }

    /** Like {@link #list()}, sending the list request as {@code mode} says instead of the client default. */
    public List<Summary> list(ListMode mode) {
        return Listings.entities(ops.list("identity/entity/id", mode));
    }

    /** The names of all entities, in Vault's order (by ID, not alphabetical); empty when there are none. */
    public List<String> listNames() {
        return ops.list("identity/entity/name").keys();
    }

    /** Like {@link #listNames()}, with the given list mode. */
    public List<String> listNames(ListMode mode) {
        return ops.list("identity/entity/name", mode).keys();
    }

    /**
     * Merges entities (spec §2.8).
     *
     * @throws EntityMergeConflictException if both sides have an alias on the same mount and the
     *     request does not say which to keep
     * @throws VaultException {@link VaultErrorReason#INVALID_REQUEST} for unknown IDs and other rejections
     */
    public void merge(EntityMergeRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            ops.write("identity/entity/merge", request);
        } catch (VaultException e) {
            List<EntityMergeConflictException.Clash> clashes = e.reason() == VaultErrorReason.INVALID_REQUEST
                    ? EntityMergeConflictException.parse(e.data())
                    : List.of();
            if (!clashes.isEmpty()) {
                throw new EntityMergeConflictException(e, clashes);
            }
            throw e;
        }
    }

    /**
     * What Vault returns when an entity is created (spec §2.1).
     *
     * @param id   the new entity's ID
     * @param name its name (generated as {@code entity_xxxxxxxx} when none was given); null from Vault
     *             versions that only return the ID
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ref(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name) {}

    /**
     * One entry of {@link Entities#list()}: the ID and what Vault's {@code key_info} says about it
     * (spec §2.7).
     *
     * @param id      the entity ID
     * @param name    the entity name, or null if Vault sent no {@code key_info} for it
     * @param aliases the entity's aliases; empty when it has none
     */
    public record Summary(String id, String name, List<AliasSummary> aliases) {

        /** A null alias list becomes empty. */
        public Summary {
            aliases = Values.list(aliases);
        }
    }
}
