package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.IdentityStore.Group;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code identity/group/**} (spec §4). */
final class GroupPaths {

    private static final String[] FIELDS = {
        "id", "name", "type", "metadata", "policies", "member_group_ids", "member_entity_ids"
    };

    private final IdentityStore store;
    private final Flavour flavour;

    GroupPaths(IdentityStore store, Flavour flavour) {
        this.store = store;
        this.flavour = flavour;
    }

    void register(Router r) {
        r.add("identity/group", FIELDS).on("POST", req -> write(req.body()));
        r.add("identity/group/id", FIELDS).on("LIST", req -> listById());
        r.add("identity/group/id/:id", FIELDS)
                .on("GET", req -> read(store.groups.get(req.body().get("id").toString())))
                .on("POST", req -> {
                    Group g = store.groups.get(req.body().get("id").toString());
                    return g == null ? badRequest("invalid group ID") : upsert(g, req.body());
                })
                .on(
                        "DELETE",
                        req -> delete(store.groups.get(req.body().get("id").toString())));
        r.add("identity/group/name", FIELDS)
                .on(
                        "LIST",
                        req -> EmulatorResponse.list(
                                store.groups.values().stream().map(g -> g.name).toList(), null));
        r.add("identity/group/name/*name", FIELDS)
                .on(
                        "GET",
                        req -> read(store.groupByName(req.body().get("name").toString())
                                .orElse(null)))
                .on(
                        "POST",
                        req -> upsert(
                                store.groupByName(req.body().get("name").toString())
                                        .orElse(null),
                                req.body()))
                .on(
                        "DELETE",
                        req -> delete(store.groupByName(req.body().get("name").toString())
                                .orElse(null)));
    }

    private EmulatorResponse read(Group g) {
        return g == null ? EmulatorResponse.notFound() : EmulatorResponse.data(store.groupData(g));
    }

    private EmulatorResponse delete(Group g) {
        if (g != null) {
            store.groups.remove(g.id);
            // An external group's alias goes with it; children keep the stale parent ID (spec §4.6).
            store.groupAliases.values().removeIf(a -> a.canonicalId.equals(g.id));
        }
        return EmulatorResponse.noContent();
    }

    /** Spec §4.1 dispatch: id key, else name key, else a new group with a generated name. */
    private EmulatorResponse write(Map<String, Object> d) {
        if (d.containsKey("id")) {
            String id = Fields.string(d, "id").orElse("");
            if (id.isEmpty()) {
                return badRequest("empty group ID");
            }
            Group g = store.groups.get(id);
            return g == null ? badRequest("invalid group ID") : upsert(g, d);
        }
        if (d.containsKey("name")) {
            String name = Fields.string(d, "name").orElse("");
            if (name.isEmpty()) {
                return badRequest("empty group name");
            }
            return upsert(store.groupByName(name).orElse(null), d);
        }
        return upsert(null, d);
    }

    /** {@code handleGroupUpdateCommon} (spec §4.4); every check runs before anything changes. */
    private EmulatorResponse upsert(Group existing, Map<String, Object> d) {
        String name = Fields.string(d, "name").orElse("");
        Optional<String> typeIn = Fields.string(d, "type");
        Optional<Map<String, String>> metadataIn = Fields.kvPairs(d, "metadata");
        Optional<List<String>> policiesIn = Fields.commaStringSlice(d, "policies");
        Optional<List<String>> memberEntitiesIn = Fields.commaStringSlice(d, "member_entity_ids");
        Optional<List<String>> memberGroupsIn = Fields.commaStringSlice(d, "member_group_ids");
        boolean isNew = existing == null;

        List<String> policies = isNew ? null : existing.policies;
        if (policiesIn.isPresent()) {
            policies = IdentityStore.writtenPolicies(flavour, policiesIn.get(), true);
            if (IdentityStore.containsRoot(policies)) {
                return badRequest("policies cannot contain root");
            }
        }
        String type = isNew ? "" : existing.type;
        if (typeIn.isPresent()) {
            if (!type.isEmpty() && !typeIn.get().equals(type)) {
                return badRequest("group type cannot be changed");
            }
            type = typeIn.get();
        }
        if (type.isEmpty()) {
            type = "internal";
        }
        if (!type.equals("internal") && !type.equals("external")) {
            return badRequest("invalid group type \"" + type + "\"");
        }
        if (!name.isEmpty()) {
            Optional<Group> byName = store.groupByName(name);
            if (byName.isPresent() && (isNew || !byName.get().id.equals(existing.id))) {
                return badRequest("group name is already in use");
            }
        }
        Map<String, String> metadata = isNew ? null : existing.metadata;
        if (metadataIn.isPresent()) {
            metadata = d.get("metadata") == null ? null : metadataIn.get();
        }
        IdentityStore.validateMetadata(metadata, "invalid group metadata: ");

        List<String> memberEntities = isNew ? null : existing.memberEntityIds;
        if (d.containsKey("member_entity_ids")) {
            // Even a JSON null counts as supplied here (spec §4.4 step 5, hvac quirk Q1).
            if (type.equals("external")) {
                return badRequest("member entities can't be set manually for external groups");
            }
            for (String id : memberEntitiesIn.orElse(List.of())) {
                if (!store.entities.containsKey(id)) {
                    throw new Router.PlainError("invalid entity ID \"" + id + "\"");
                }
            }
            memberEntities = IdentityStore.removeDuplicates(memberEntitiesIn.orElse(List.of()));
        }

        String groupId = isNew ? Ids.uuid() : existing.id;
        List<Group> children = null;
        if (d.containsKey("member_group_ids")) {
            if (type.equals("external")) {
                return badRequest("member groups can't be set for external groups");
            }
            children = new ArrayList<>();
            Set<String> ancestors = isNew ? Set.of() : ancestors(groupId);
            for (String childId : new LinkedHashSet<>(memberGroupsIn.orElse(List.of()))) {
                Group child = store.groups.get(childId);
                if (child == null) {
                    throw new Router.PlainError("invalid member group ID \"" + childId + "\"");
                }
                if (childId.equals(groupId)) {
                    throw new Router.PlainError("member group ID \"" + childId + "\" is same as the ID of the group");
                }
                if (ancestors.contains(childId)) {
                    return badRequest("cyclic relationship detected for member group ID \"" + childId + "\"");
                }
                children.add(child);
            }
        }

        Group g = existing;
        if (isNew) {
            g = new Group();
            g.id = groupId;
            g.created = store.now();
            g.name = name.isEmpty() ? store.generatedName("group_") : name;
            store.groups.put(g.id, g);
        } else if (!name.isEmpty()) {
            g.name = name;
        }
        g.type = type;
        g.policies = policies;
        g.metadata = metadata;
        g.memberEntityIds = memberEntities;
        if (children != null) {
            setChildren(g, children);
        }
        g.modifyIndex++;
        g.updated = store.now();
        if (!isNew) {
            return EmulatorResponse.noContent();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", g.id);
        data.put("name", g.name);
        return EmulatorResponse.data(data);
    }

    /** Children are stored as parent_group_ids on the child (spec §4.4 step 6). */
    private void setChildren(Group parent, List<Group> children) {
        Set<String> wanted = new HashSet<>();
        children.forEach(c -> wanted.add(c.id));
        for (Group g : store.groups.values()) {
            boolean isChild = g.parentGroupIds != null && g.parentGroupIds.contains(parent.id);
            if (isChild && !wanted.contains(g.id)) {
                List<String> parents = new ArrayList<>(g.parentGroupIds);
                parents.removeIf(parent.id::equals);
                g.parentGroupIds = parents;
                g.modifyIndex++;
            } else if (!isChild && wanted.contains(g.id)) {
                List<String> parents = g.parentGroupIds == null ? new ArrayList<>() : new ArrayList<>(g.parentGroupIds);
                parents.add(parent.id);
                g.parentGroupIds = parents;
                g.modifyIndex++;
            } else if (isChild) {
                g.modifyIndex++;
            }
        }
    }

    /** The group and everything above it through parent_group_ids. */
    private Set<String> ancestors(String groupId) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(groupId);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            Group g = store.groups.get(id);
            if (g != null && g.parentGroupIds != null) {
                queue.addAll(g.parentGroupIds);
            }
        }
        return seen;
    }

    private EmulatorResponse listById() {
        List<String> keys = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        for (Group g : store.groups.values()) {
            keys.add(g.id);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", g.name);
            entry.put("num_member_entities", g.memberEntityIds == null ? 0 : g.memberEntityIds.size());
            entry.put("num_parent_groups", g.parentGroupIds == null ? 0 : g.parentGroupIds.size());
            store.groupAliasOf(g.id).ifPresent(a -> entry.put("alias", store.shortAlias(a)));
            info.put(g.id, entry);
        }
        return EmulatorResponse.list(keys, info);
    }
}
