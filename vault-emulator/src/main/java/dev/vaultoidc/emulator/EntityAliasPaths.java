package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.IdentityStore.Alias;
import dev.vaultoidc.emulator.IdentityStore.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code identity/entity-alias/**} (spec §3). */
final class EntityAliasPaths {

    private static final String[] FIELDS = {
        "id", "canonical_id", "entity_id", "mount_accessor", "name", "custom_metadata"
    };

    private final IdentityStore store;

    EntityAliasPaths(IdentityStore store) {
        this.store = store;
    }

    void register(Router r) {
        r.add("identity/entity-alias", FIELDS).on("POST", req -> write(req.body()));
        r.add("identity/entity-alias/id", FIELDS).on("LIST", req -> list());
        r.add("identity/entity-alias/id/:id", FIELDS)
                .on("GET", req -> {
                    Alias a = store.aliases.get(req.body().get("id").toString());
                    return a == null ? EmulatorResponse.notFound() : EmulatorResponse.data(store.aliasData(a, true));
                })
                .on("POST", req -> write(req.body()))
                .on("DELETE", req -> {
                    store.aliases.remove(req.body().get("id").toString());
                    return EmulatorResponse.noContent();
                });
    }

    /** Spec §3.1/§3.2: update by id, update by factors, or create. */
    private EmulatorResponse write(Map<String, Object> d) {
        String id = Fields.string(d, "id").orElse("");
        String name = Fields.string(d, "name").orElse("");
        String accessor = Fields.string(d, "mount_accessor").orElse("");
        String canonicalId = Fields.string(d, "canonical_id").orElse("");
        String entityId = Fields.string(d, "entity_id").orElse("");
        if (canonicalId.isEmpty()) {
            canonicalId = entityId; // deprecated spelling, used only when canonical_id is empty
        }
        Optional<Map<String, String>> cmIn = Fields.kvPairs(d, "custom_metadata");
        Map<String, String> cmSupplied = cmIn.isPresent() && d.get("custom_metadata") != null ? cmIn.get() : null;

        if (!id.isEmpty()) {
            Alias alias = store.aliases.get(id);
            if (alias == null) {
                return badRequest("invalid alias ID provided");
            }
            Map<String, String> cm = cmIn.isPresent() ? cmSupplied : alias.customMetadata;
            if (name.isEmpty() && accessor.isEmpty()) {
                if (canonicalId.isEmpty() && cmIn.isEmpty()) {
                    return EmulatorResponse.noContent();
                }
                name = alias.name;
                accessor = alias.mountAccessor;
            } else if (name.isEmpty()) {
                name = alias.name;
            } else if (accessor.isEmpty()) {
                accessor = alias.mountAccessor;
            }
            return update(alias, name, accessor, canonicalId, cm);
        }

        if (name.isEmpty() || accessor.isEmpty()) {
            return badRequest("'id' or 'mount_accessor' and 'name' must be provided");
        }
        Optional<AuthMounts.Mount> mount = store.mounts.byAccessor(accessor);
        if (mount.isEmpty()) {
            return badRequest("invalid mount accessor \"" + accessor + "\"");
        }
        Optional<Alias> existing = store.aliasByFactors(accessor, name);
        if (existing.isPresent()) {
            // On this route an omitted custom_metadata counts as {} and clears the stored value (§3.1).
            return update(existing.get(), name, accessor, canonicalId, cmSupplied);
        }
        Entity entity = null;
        if (!canonicalId.isEmpty()) {
            entity = store.entities.get(canonicalId);
            if (entity == null) {
                return badRequest("invalid canonical ID");
            }
            if (store.aliasOn(entity.id, accessor).isPresent()) {
                return badRequest("Alias already exists for requested entity and mount accessor");
            }
        }
        IdentityStore.validateCustomMetadata(cmSupplied);
        if (entity == null) {
            entity = new Entity();
            entity.id = Ids.uuid();
            entity.name = store.generatedName("entity_");
            entity.created = store.now();
            entity.updated = entity.created;
            store.entities.put(entity.id, entity);
        }
        store.entityWritten(entity.id);
        Alias alias = new Alias();
        alias.id = Ids.uuid();
        alias.canonicalId = entity.id;
        alias.mountAccessor = accessor;
        alias.name = name;
        alias.customMetadata = cmSupplied == null ? new java.util.LinkedHashMap<>() : cmSupplied;
        alias.local = mount.get().local();
        alias.created = store.now();
        alias.updated = alias.created;
        store.aliases.put(alias.id, alias);
        return idAndCanonical(alias);
    }

    /** {@code handleAliasUpdate} (spec §3.3); checks everything before changing anything. */
    private EmulatorResponse update(
            Alias alias, String name, String accessor, String canonicalId, Map<String, String> cm) {
        boolean sameCm = Objects.equals(emptyToNull(cm), emptyToNull(alias.customMetadata));
        boolean moving = !canonicalId.isEmpty() && !canonicalId.equals(alias.canonicalId);
        if (name.equals(alias.name) && accessor.equals(alias.mountAccessor) && !moving && sameCm) {
            return EmulatorResponse.noContent();
        }
        boolean accessorChanged = !accessor.equals(alias.mountAccessor);
        if (accessorChanged && !moving) {
            Optional<Alias> clash = store.aliasOn(alias.canonicalId, accessor);
            if (clash.isPresent() && !clash.get().id.equals(alias.id)) {
                return badRequest("Alias cannot be updated as the entity already has an alias for the "
                        + "given 'mount_accessor' ");
            }
        }
        Optional<AuthMounts.Mount> mount = store.mounts.byAccessor(accessor);
        boolean factorsChanged = !name.equals(alias.name) || accessorChanged || !sameCm;
        if (factorsChanged) {
            if (mount.isEmpty()) {
                return badRequest("invalid mount accessor \"" + accessor + "\"");
            }
            Optional<Alias> other = store.aliasByFactors(accessor, name);
            if (other.isPresent() && !other.get().id.equals(alias.id)) {
                return badRequest("alias with combination of mount accessor and name already exists");
            }
            IdentityStore.validateCustomMetadata(cm);
        }
        if (moving) {
            if (mount.map(AuthMounts.Mount::local).orElse(alias.local)) {
                return badRequest("local aliases can't be moved between entities");
            }
            Entity target = store.entities.get(canonicalId);
            if (target == null) {
                return badRequest("given 'canonical_id' is not associated with an entity");
            }
            if (store.aliasOn(target.id, accessor).isPresent()) {
                return badRequest(
                        "Alias cannot be updated as the given entity already has an alias for " + "this mount ");
            }
        }
        if (factorsChanged) {
            alias.name = name;
            alias.mountAccessor = accessor;
            alias.customMetadata = cm;
        }
        if (moving) {
            store.entityWritten(alias.canonicalId);
            alias.canonicalId = canonicalId;
        }
        store.entityWritten(alias.canonicalId);
        alias.updated = store.now();
        return idAndCanonical(alias);
    }

    private static Map<String, String> emptyToNull(Map<String, String> m) {
        return m == null || m.isEmpty() ? null : m;
    }

    private static EmulatorResponse idAndCanonical(Alias alias) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", alias.id);
        data.put("canonical_id", alias.canonicalId);
        return EmulatorResponse.data(data);
    }

    private EmulatorResponse list() {
        List<String> keys = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        for (Alias a : store.aliases.values()) {
            keys.add(a.id);
            info.put(a.id, listInfo(store, a));
        }
        return EmulatorResponse.list(keys, info);
    }

    /** {@code key_info} entry of an alias list (spec §3.6, §5.3). */
    static Map<String, Object> listInfo(IdentityStore store, Alias a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name);
        m.put("canonical_id", a.canonicalId);
        m.put("mount_accessor", a.mountAccessor);
        m.put("custom_metadata", a.customMetadata);
        m.put("metadata", a.metadata);
        m.put("local", a.local);
        store.putMount(m, a.mountAccessor);
        return m;
    }
}
