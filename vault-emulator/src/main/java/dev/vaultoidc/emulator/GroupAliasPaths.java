package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.IdentityStore.Alias;
import dev.vaultoidc.emulator.IdentityStore.Group;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code identity/group-alias/**} (spec §5). */
final class GroupAliasPaths {

    private static final String[] FIELDS = {"id", "name", "mount_accessor", "canonical_id"};

    private final IdentityStore store;

    GroupAliasPaths(IdentityStore store) {
        this.store = store;
    }

    void register(Router r) {
        r.add("identity/group-alias", FIELDS).on("POST", req -> {
            if (req.body().containsKey("id")) {
                return update(req.body());
            }
            return create(req.body());
        });
        r.add("identity/group-alias/id", FIELDS).on("LIST", req -> {
            List<String> keys = new ArrayList<>();
            Map<String, Object> info = new LinkedHashMap<>();
            for (Alias a : store.groupAliases.values()) {
                keys.add(a.id);
                info.put(a.id, EntityAliasPaths.listInfo(store, a));
            }
            return EmulatorResponse.list(keys, info);
        });
        r.add("identity/group-alias/id/:id", FIELDS)
                .on("GET", req -> {
                    Alias a = store.groupAliases.get(req.body().get("id").toString());
                    return a == null ? EmulatorResponse.notFound() : EmulatorResponse.data(store.aliasData(a, true));
                })
                .on("POST", req -> update(req.body()))
                .on("DELETE", req -> {
                    store.groupAliases.remove(req.body().get("id").toString());
                    return EmulatorResponse.noContent();
                });
    }

    private EmulatorResponse create(Map<String, Object> d) {
        String name = Fields.string(d, "name").orElse("");
        String accessor = Fields.string(d, "mount_accessor").orElse("");
        String canonicalId = Fields.string(d, "canonical_id").orElse("");
        EmulatorResponse invalid = validate(null, name, accessor, canonicalId);
        if (invalid != null) {
            return invalid;
        }
        Alias alias = new Alias();
        alias.id = Ids.uuid();
        alias.created = store.now();
        return apply(alias, name, accessor, canonicalId);
    }

    private EmulatorResponse update(Map<String, Object> d) {
        String id = Fields.string(d, "id").orElse("");
        String name = Fields.string(d, "name").orElse("");
        String accessor = Fields.string(d, "mount_accessor").orElse("");
        String canonicalId = Fields.string(d, "canonical_id").orElse("");
        Alias alias = store.groupAliases.get(id);
        if (alias == null) {
            return badRequest("invalid group alias ID");
        }
        if (name.isEmpty()) {
            return badRequest("missing alias name");
        }
        if (accessor.isEmpty()) {
            return badRequest("missing mount_accessor");
        }
        if (name.equals(alias.name)
                && accessor.equals(alias.mountAccessor)
                && (canonicalId.isEmpty() || canonicalId.equals(alias.canonicalId))) {
            return EmulatorResponse.noContent();
        }
        EmulatorResponse invalid = validate(alias, name, accessor, canonicalId);
        if (invalid != null) {
            return invalid;
        }
        return apply(alias, name, accessor, canonicalId.isEmpty() ? alias.canonicalId : canonicalId);
    }

    /** The checks of spec §5.1, in order; null when the write may proceed. */
    private EmulatorResponse validate(Alias self, String name, String accessor, String canonicalId) {
        if (name.isEmpty()) {
            return badRequest("missing alias name");
        }
        if (accessor.isEmpty()) {
            return badRequest("missing mount_accessor");
        }
        if (!canonicalId.isEmpty()) {
            Group g = store.groups.get(canonicalId);
            if (g == null) {
                return badRequest("invalid group ID given in 'canonical_id'");
            }
            if (g.type.equals("internal")) {
                return badRequest("alias can't be set on an internal group");
            }
        }
        Optional<AuthMounts.Mount> mount = store.mounts.byAccessor(accessor);
        if (mount.isEmpty()) {
            return badRequest("invalid mount accessor \"" + accessor + "\"");
        }
        if (mount.get().local()) {
            return badRequest("mount accessor \"" + accessor + "\" is a local mount");
        }
        Optional<Alias> other = store.groupAliasByFactors(accessor, name);
        if (other.isPresent() && (self == null || !other.get().id.equals(self.id))) {
            return badRequest("combination of mount and group alias name is already in use");
        }
        return null;
    }

    private EmulatorResponse apply(Alias alias, String name, String accessor, String canonicalId) {
        String groupId = canonicalId;
        if (groupId.isEmpty()) {
            Group g = new Group();
            g.id = Ids.uuid();
            g.name = store.generatedName("group_");
            g.type = "external";
            g.created = store.now();
            g.updated = g.created;
            g.modifyIndex = 1;
            store.groups.put(g.id, g);
            groupId = g.id;
        }
        if (!canonicalId.isEmpty()) {
            // Writing a group's alias writes the group (OpenBao 2.7.2: create, replace and rename of
            // its alias each raise the group's modify_index).
            Group g = store.groups.get(canonicalId);
            g.modifyIndex++;
            g.updated = store.now();
        }
        // One alias per group: the target's previous alias is dropped.
        String target = groupId;
        store.groupAliases.values().removeIf(a -> a.canonicalId.equals(target) && !a.id.equals(alias.id));
        alias.name = name;
        alias.mountAccessor = accessor;
        alias.canonicalId = groupId;
        alias.updated = store.now();
        store.groupAliases.put(alias.id, alias);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", alias.id);
        data.put("canonical_id", alias.canonicalId);
        return EmulatorResponse.data(data);
    }
}
