package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import java.util.List;
import java.util.Map;

/** {@code identity/lookup/entity} and {@code identity/lookup/group} (spec §6). */
final class LookupPaths {

    private static final String[] FIELDS = {"id", "name", "alias_id", "alias_name", "alias_mount_accessor"};

    private final IdentityStore store;

    LookupPaths(IdentityStore store) {
        this.store = store;
    }

    void register(Router r) {
        r.add("identity/lookup/entity", FIELDS).on("POST", req -> entity(req.body()));
        r.add("identity/lookup/group", FIELDS).on("POST", req -> group(req.body()));
    }

    /** The criterion check of identity_lookup.go; null when exactly one criterion was given. */
    private static EmulatorResponse criterionError(Map<String, Object> d) {
        long count = List.of(FIELDS).stream().filter(d::containsKey).count();
        String aliasName = Fields.string(d, "alias_name").orElse("");
        String aliasAccessor = Fields.string(d, "alias_mount_accessor").orElse("");
        if (count == 0) {
            return badRequest("query parameter not supplied");
        }
        if (count != 1) {
            if (count == 2 && !aliasName.isEmpty() && !aliasAccessor.isEmpty()) {
                return null;
            }
            return badRequest("query parameter conflict; please supply distinct set of query parameters");
        }
        if (!aliasName.isEmpty() || !aliasAccessor.isEmpty()) {
            return badRequest("both 'alias_name' and 'alias_mount_accessor' needs to be set");
        }
        return null;
    }

    private EmulatorResponse entity(Map<String, Object> d) {
        EmulatorResponse error = criterionError(d);
        if (error != null) {
            return error;
        }
        IdentityStore.Entity e = null;
        if (d.containsKey("id")) {
            e = store.entities.get(Fields.string(d, "id").orElse(""));
        } else if (d.containsKey("name")) {
            e = store.entityByName(Fields.string(d, "name").orElse("")).orElse(null);
        } else if (d.containsKey("alias_id")) {
            IdentityStore.Alias a =
                    store.aliases.get(Fields.string(d, "alias_id").orElse(""));
            e = a == null ? null : store.entities.get(a.canonicalId);
        } else {
            e = store.aliasByFactors(
                            Fields.string(d, "alias_mount_accessor").orElse(""),
                            Fields.string(d, "alias_name").orElse(""))
                    .map(a -> store.entities.get(a.canonicalId))
                    .orElse(null);
        }
        // Not found is 204, not 404, because lookup is a POST (spec §6).
        return e == null ? EmulatorResponse.noContent() : EmulatorResponse.data(store.entityData(e));
    }

    private EmulatorResponse group(Map<String, Object> d) {
        EmulatorResponse error = criterionError(d);
        if (error != null) {
            return error;
        }
        IdentityStore.Group g = null;
        if (d.containsKey("id")) {
            g = store.groups.get(Fields.string(d, "id").orElse(""));
        } else if (d.containsKey("name")) {
            g = store.groupByName(Fields.string(d, "name").orElse("")).orElse(null);
        } else if (d.containsKey("alias_id")) {
            IdentityStore.Alias a =
                    store.groupAliases.get(Fields.string(d, "alias_id").orElse(""));
            g = a == null ? null : store.groups.get(a.canonicalId);
        } else {
            g = store.groupAliasByFactors(
                            Fields.string(d, "alias_mount_accessor").orElse(""),
                            Fields.string(d, "alias_name").orElse(""))
                    .map(a -> store.groups.get(a.canonicalId))
                    .orElse(null);
        }
        return g == null ? EmulatorResponse.noContent() : EmulatorResponse.data(store.groupData(g));
    }
}
