package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.IdentityStore.Alias;
import dev.vaultoidc.emulator.IdentityStore.Entity;
import dev.vaultoidc.emulator.IdentityStore.Group;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code identity/entity/**} (spec §2). */
final class EntityPaths {

    private static final String[] FIELDS = {"id", "name", "metadata", "policies", "disabled"};

    private final IdentityStore store;
    private final Flavour flavour;

    EntityPaths(IdentityStore store, Flavour flavour) {
        this.store = store;
        this.flavour = flavour;
    }

    void register(Router r) {
        r.add("identity/entity", FIELDS).on("POST", req -> upsert(req.body()));
        r.add("identity/entity/id", FIELDS).on("LIST", req -> listById());
        r.add("identity/entity/id/:id", FIELDS)
                .on("GET", req -> read(store.entities.get(req.body().get("id").toString())))
                .on("POST", req -> upsert(req.body()))
                .on("DELETE", req -> {
                    store.deleteEntity(req.body().get("id").toString());
                    return EmulatorResponse.noContent();
                });
        r.add("identity/entity/name", FIELDS).on("LIST", req -> listByName());
        r.add("identity/entity/merge", "from_entity_ids", "to_entity_id", "force", "conflicting_alias_ids_to_keep")
                .on("POST", req -> merge(req.body()));
        r.add("identity/entity/batch-delete", "entity_ids").on("POST", req -> batchDelete(req.body()));
        r.add("identity/entity/name/*name", FIELDS)
                .on(
                        "GET",
                        req -> read(store.entityByName(req.body().get("name").toString())
                                .orElse(null)))
                .on("POST", req -> upsert(req.body()))
                .on("DELETE", req -> {
                    store.entityByName(req.body().get("name").toString()).ifPresent(e -> store.deleteEntity(e.id));
                    return EmulatorResponse.noContent();
                });
    }

    private EmulatorResponse read(Entity e) {
        return e == null ? EmulatorResponse.notFound() : EmulatorResponse.data(store.entityData(e));
    }

    /** Spec §2.1–§2.3: one handler for create, update by id and create-or-update by name. */
    private EmulatorResponse upsert(Map<String, Object> d) {
        // Vault type-checks every supplied field before the handler runs (spec §1.4).
        String id = Fields.string(d, "id").orElse("");
        String name = Fields.string(d, "name").orElse("");
        Optional<Map<String, String>> metadataIn = Fields.kvPairs(d, "metadata");
        Optional<List<String>> policiesIn = Fields.commaStringSlice(d, "policies");
        Optional<Boolean> disabledIn = Fields.bool(d, "disabled");

        Entity entity = null;
        if (!id.isEmpty()) {
            entity = store.entities.get(id);
            if (entity == null) {
                return badRequest("entity not found from id");
            }
        }
        if (!name.isEmpty()) {
            Optional<Entity> byName = store.entityByName(name);
            if (byName.isPresent()) {
                if (entity == null) {
                    entity = byName.get();
                } else if (!entity.id.equals(byName.get().id)) {
                    return badRequest("entity name is already in use");
                }
            }
        }
        boolean isNew = entity == null;
        List<String> policies = policiesIn
                .map(p -> IdentityStore.writtenPolicies(flavour, p, false))
                .orElse(isNew ? null : entity.policies);
        if (IdentityStore.containsRoot(policies)) {
            return badRequest("policies cannot contain root");
        }
        Map<String, String> metadata = metadataIn.isPresent()
                ? (d.get("metadata") == null ? null : metadataIn.get())
                : (isNew ? null : entity.metadata);
        IdentityStore.validateMetadata(metadata, "invalid entity metadata: ");

        if (isNew) {
            entity = new Entity();
            entity.id = Ids.uuid();
            entity.created = store.now();
            entity.name = name.isEmpty() ? store.generatedName("entity_") : name;
            store.entities.put(entity.id, entity);
        } else if (!name.isEmpty()) {
            entity.name = name;
        }
        entity.policies = policies;
        entity.metadata = metadata;
        if (disabledIn.isPresent()) {
            entity.disabled = disabledIn.get();
        }
        entity.updated = store.now();
        store.entityWritten(entity.id);
        if (!isNew) {
            return EmulatorResponse.noContent();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", entity.id);
        data.put("name", entity.name);
        data.put("aliases", null);
        return EmulatorResponse.data(data);
    }

    private EmulatorResponse listById() {
        List<String> keys = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        for (Entity e : store.entities.values()) {
            keys.add(e.id);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name);
            List<Alias> aliases = store.aliasesOf(e.id);
            if (!aliases.isEmpty()) {
                entry.put("aliases", aliases.stream().map(store::shortAlias).toList());
            }
            info.put(e.id, entry);
        }
        return EmulatorResponse.list(keys, info);
    }

    /** Keys are names in ID order; no key_info, since it is keyed by ID (spec §1.8). */
    private EmulatorResponse listByName() {
        return EmulatorResponse.list(
                store.entities.values().stream().map(e -> e.name).toList(), null);
    }

    private EmulatorResponse batchDelete(Map<String, Object> d) {
        List<String> ids = Fields.commaStringSlice(d, "entity_ids").orElse(List.of());
        if (ids.isEmpty()) {
            return badRequest("missing entity ids to delete");
        }
        ids.forEach(store::deleteEntity);
        return EmulatorResponse.noContent();
    }

    /** Spec §2.8. All checks run before anything changes, so a failed merge leaves no trace. */
    private EmulatorResponse merge(Map<String, Object> d) {
        String toId = Fields.string(d, "to_entity_id").orElse("");
        List<String> fromIn = Fields.commaStringSlice(d, "from_entity_ids").orElse(List.of());
        Fields.bool(d, "force");
        List<String> keep =
                Fields.commaStringSlice(d, "conflicting_alias_ids_to_keep").orElse(List.of());
        if (toId.isEmpty()) {
            return badRequest("missing entity id to merge to");
        }
        if (fromIn.isEmpty()) {
            return badRequest("missing entity ids to merge from");
        }
        Entity to = store.entities.get(toId);
        if (to == null) {
            return badRequest("entity id to merge to is invalid");
        }
        if (fromIn.size() > 1 && keep.size() > 1) {
            return badRequest("aliases conflicts cannot be resolved with multiple from entity ids - "
                    + "merge one entity at a time");
        }
        List<Entity> froms = new ArrayList<>();
        for (String fromId : new LinkedHashSet<>(fromIn)) {
            if (fromId.equals(toId)) {
                return badRequest("to_entity_id should not be present in from_entity_ids");
            }
            Entity from = store.entities.get(fromId);
            if (from == null) {
                return badRequest("entity id to merge from is invalid");
            }
            froms.add(from);
        }

        List<Alias> toAliases = store.aliasesOf(toId);
        if (keep.isEmpty()) {
            EmulatorResponse clash = clashes(to, toAliases, froms);
            if (clash != null) {
                return clash;
            }
        }
        // Plan alias moves and deletions, failing before any change.
        List<Alias> deleteAliases = new ArrayList<>();
        List<Alias> staleOnTarget = new ArrayList<>();
        List<Alias[]> moves = new ArrayList<>(); // {alias, fromEntity marker via canonicalId}
        for (Entity from : froms) {
            for (Alias fromAlias : store.aliasesOf(from.id)) {
                boolean moveIt = true;
                for (Alias toAlias : toAliases) {
                    if (!toAlias.mountAccessor.equals(fromAlias.mountAccessor)) {
                        continue;
                    }
                    if (keep.contains(toAlias.id)) {
                        deleteAliases.add(fromAlias);
                        moveIt = false;
                    } else if (keep.contains(fromAlias.id)) {
                        deleteAliases.add(toAlias);
                        staleOnTarget.add(toAlias);
                    } else {
                        return badRequest("conflicting mount accessors in following alias IDs and neither were "
                                + "present in conflicting_alias_ids_to_keep: " + fromAlias.id + ", " + toAlias.id);
                    }
                }
                if (moveIt) {
                    moves.add(new Alias[] {fromAlias});
                }
            }
        }

        deleteAliases.forEach(a -> store.aliases.remove(a.id));
        for (Alias[] move : moves) {
            Alias a = move[0];
            List<String> mergedFrom =
                    a.mergedFromCanonicalIds == null ? new ArrayList<>() : new ArrayList<>(a.mergedFromCanonicalIds);
            mergedFrom.add(a.canonicalId);
            a.mergedFromCanonicalIds = mergedFrom;
            a.canonicalId = toId;
            a.updated = store.now();
        }
        List<String> merged = to.mergedEntityIds == null ? new ArrayList<>() : new ArrayList<>(to.mergedEntityIds);
        for (Entity from : froms) {
            if (from.mergedEntityIds != null) {
                merged.addAll(from.mergedEntityIds);
            }
            merged.add(from.id);
            for (Group g : store.groups.values()) {
                if (g.memberEntityIds != null && g.memberEntityIds.contains(from.id)) {
                    List<String> members = new ArrayList<>(g.memberEntityIds);
                    members.removeIf(from.id::equals);
                    members.add(toId);
                    g.memberEntityIds = members;
                    // The merge writes the group twice: once without the source, once with the target
                    // (OpenBao 2.7.2: a group of modify_index 1 reads 3 after the merge).
                    g.modifyIndex += 2;
                    g.updated = store.now();
                }
            }
            store.entities.remove(from.id);
        }
        to.mergedEntityIds = merged;
        to.updated = store.now();
        store.entityWritten(toId);
        // The server deletes the target's conflicting alias from its alias table but not from the
        // target entity (mergeEntity, Vault's code alike; probed on OpenBao 2.7.2): the entity still
        // lists it and a later merge counts it as a clash, while reads and lookups of the alias find
        // nothing until the entity's next write stores it again.
        to.staleAliases.addAll(staleOnTarget);
        return EmulatorResponse.noContent();
    }

    /** The error-with-data answer for alias clashes when no keep-list was given (spec §2.8 step 4). */
    private EmulatorResponse clashes(Entity to, List<Alias> toAliases, List<Entity> froms) {
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> data = new ArrayList<>();
        // In the order the target holds them: the server appends aliases as they join the entity, so
        // older ones come first (a stale one from an earlier merge included).
        List<Alias> ordered = new ArrayList<>(toAliases);
        ordered.sort(java.util.Comparator.comparing(
                (Alias a) -> a.created, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        for (Alias toAlias : ordered) {
            List<Object[]> sharing = new ArrayList<>();
            for (Entity from : froms) {
                store.aliasOn(from.id, toAlias.mountAccessor).ifPresent(a -> sharing.add(new Object[] {from, a}));
            }
            if (sharing.size() > 1) {
                return badRequest("mount accessor " + toAlias.mountAccessor + " found in multiple "
                        + "fromEntities, merge should be done with one fromEntity at a time");
            }
            if (sharing.size() == 1) {
                Entity from = (Entity) sharing.get(0)[0];
                Alias fromAlias = (Alias) sharing.get(0)[1];
                errors.add("mountAccessor: " + toAlias.mountAccessor + ", toEntity ID: " + to.id
                        + ", fromEntity ID: " + from.id + ", conflicting toEntity alias ID: " + toAlias.id
                        + ", conflicting fromEntity alias ID: " + fromAlias.id);
                data.add(clashEntry(toAlias, to));
                data.add(clashEntry(fromAlias, from));
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        errors.add(
                0,
                "toEntity and at least one fromEntity have aliases with the same mount accessor, "
                        + "repeat the merge request specifying exactly one fromEntity, clashes: ");
        return EmulatorResponse.errorWithData(400, GoText.multiError(errors), data);
    }

    private Map<String, Object> clashEntry(Alias alias, Entity entity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alias", alias.name);
        m.put("entity", entity.name);
        m.put("entity_id", entity.id);
        m.put(
                "mount",
                store.mounts
                        .byAccessor(alias.mountAccessor)
                        .map(AuthMounts.Mount::type)
                        .orElse(""));
        m.put(
                "mount_path",
                store.mounts
                        .byAccessor(alias.mountAccessor)
                        .map(AuthMounts.Mount::mountPath)
                        .orElse(""));
        return m;
    }
}
