package dev.vaultoidc.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The identity store's data: entities, entity aliases, groups and group aliases, with the
 * invariants and response shapes of spec §1.10, §2.4, §3.4, §4.5. The path handlers live in
 * {@code Entity*Paths}, {@code Group*Paths} and {@link LookupPaths}.
 *
 * <p>Thread-safety: every method must be called while holding this object's monitor; the
 * emulator core takes it around each request. {@link #entity(String)} takes it itself, because
 * the OIDC engine calls it from its own threads.
 *
 * <p>Maps are {@link TreeMap}s keyed by ID: Vault lists iterate memdb's ID-ordered index
 * (spec §1.8), so iteration order here is the order Vault returns.
 */
final class IdentityStore implements IdentityView {

    static final String NAMESPACE_ID = "root";

    static final class Entity {
        String id;
        String name;
        Map<String, String> metadata;
        List<String> policies;
        boolean disabled;
        Instant created;
        Instant updated;
        List<String> mergedEntityIds;
        /** Aliases a merge dropped from the alias table but left on this entity (see EntityPaths#merge). */
        final List<Alias> staleAliases = new ArrayList<>();
    }

    static final class Alias {
        String id;
        String canonicalId;
        String mountAccessor;
        String name;
        Map<String, String> metadata;
        Map<String, String> customMetadata;
        List<String> mergedFromCanonicalIds;
        Instant created;
        Instant updated;
        boolean local;
    }

    static final class Group {
        String id;
        String name;
        String type;
        Map<String, String> metadata;
        List<String> policies;
        List<String> memberEntityIds;
        List<String> parentGroupIds;
        long modifyIndex;
        Instant created;
        Instant updated;
    }

    final Clock clock;
    final AuthMounts mounts;
    final TreeMap<String, Entity> entities = new TreeMap<>();
    final TreeMap<String, Alias> aliases = new TreeMap<>();
    final TreeMap<String, Group> groups = new TreeMap<>();
    final TreeMap<String, Alias> groupAliases = new TreeMap<>();

    private final Flavour flavour;

    IdentityStore(Clock clock, AuthMounts mounts) {
        this(clock, mounts, Flavour.VAULT);
    }

    /** A store whose generated names follow {@code flavour}. */
    IdentityStore(Clock clock, AuthMounts mounts, Flavour flavour) {
        this.flavour = flavour;
        this.clock = clock;
        this.mounts = mounts;
    }

    Instant now() {
        return clock.instant();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ---- lookups (names are case-insensitive but case-preserving, spec §1.10) ----

    Optional<Entity> entityByName(String name) {
        return entities.values().stream()
                .filter(e -> lower(e.name).equals(lower(name)))
                .findFirst();
    }

    Optional<Group> groupByName(String name) {
        return groups.values().stream()
                .filter(g -> lower(g.name).equals(lower(name)))
                .findFirst();
    }

    /** The entity's aliases: those in the alias table, and any a merge left on it (stale). */
    List<Alias> aliasesOf(String entityId) {
        List<Alias> out = new ArrayList<>(aliases.values().stream()
                .filter(a -> a.canonicalId.equals(entityId))
                .toList());
        Entity e = entities.get(entityId);
        if (e != null) {
            e.staleAliases.stream().filter(a -> !aliases.containsKey(a.id)).forEach(out::add);
        }
        return out;
    }

    Optional<Alias> aliasByFactors(String accessor, String name) {
        return aliases.values().stream()
                .filter(a -> a.mountAccessor.equals(accessor) && lower(a.name).equals(lower(name)))
                .findFirst();
    }

    Optional<Alias> aliasOn(String entityId, String accessor) {
        return aliases.values().stream()
                .filter(a -> a.canonicalId.equals(entityId) && a.mountAccessor.equals(accessor))
                .findFirst();
    }

    Optional<Alias> groupAliasOf(String groupId) {
        return groupAliases.values().stream()
                .filter(a -> a.canonicalId.equals(groupId))
                .findFirst();
    }

    Optional<Alias> groupAliasByFactors(String accessor, String name) {
        return groupAliases.values().stream()
                .filter(a -> a.mountAccessor.equals(accessor) && lower(a.name).equals(lower(name)))
                .findFirst();
    }

    /** Groups listing the entity in {@code member_entity_ids}, in ID order. */
    List<Group> directGroups(String entityId) {
        return groups.values().stream()
                .filter(g -> g.memberEntityIds != null && g.memberEntityIds.contains(entityId))
                .toList();
    }

    /** Ancestors of {@code direct} through {@code parent_group_ids}, skipping missing parents (§4.6). */
    List<Group> inheritedGroups(List<Group> direct) {
        Set<String> seen = new LinkedHashSet<>();
        direct.forEach(g -> seen.add(g.id));
        List<Group> out = new ArrayList<>();
        Deque<Group> queue = new ArrayDeque<>(direct);
        while (!queue.isEmpty()) {
            Group g = queue.poll();
            if (g.parentGroupIds == null) {
                continue;
            }
            for (String parentId : g.parentGroupIds) {
                Group parent = groups.get(parentId);
                if (parent != null && seen.add(parentId)) {
                    out.add(parent);
                    queue.add(parent);
                }
            }
        }
        return out;
    }

    /** Child groups: those listing {@code groupId} among their parents, in ID order. */
    List<String> memberGroupIds(String groupId) {
        return groups.values().stream()
                .filter(g -> g.parentGroupIds != null && g.parentGroupIds.contains(groupId))
                .map(g -> g.id)
                .toList();
    }

    /** {@code entity_} or {@code group_} plus 8 hex characters, regenerated on collision (§1.10). */
    static String generatedName(String prefix, Predicate<String> taken) {
        String name;
        do {
            name = prefix + Ids.hex(4);
        } while (taken.test(name));
        return name;
    }

    /**
     * A free generated entity ({@code entity_}) or group ({@code group_}) name. OpenBao appends the
     * namespace id, {@code entity_1a2b3c4d.root} (internal/vault/identity/store_util.go
     * generateName); Vault does not.
     */
    String generatedName(String prefix) {
        String suffix = flavour == Flavour.OPENBAO ? ".root" : "";
        Predicate<String> taken = prefix.startsWith("group")
                ? n -> groupByName(n).isPresent()
                : n -> entityByName(n).isPresent();
        return generatedName(prefix, n -> taken.test(n + suffix)) + suffix;
    }

    /**
     * An alias created through {@code identity/entity-alias} without custom metadata reads back
     * {@code {}} until its entity is written again; from then on it reads {@code null} (the server
     * keeps the new alias' empty map in memory, and every entity write stores and reloads the
     * aliases, which turns an empty map into nil; seen on OpenBao 2.7.2, Vault's code is the same).
     * Called for every write of entity {@code entityId}.
     */
    void entityWritten(String entityId) {
        Entity written = entities.get(entityId);
        if (written != null) {
            // Writing the entity stores its aliases again, stale ones included.
            written.staleAliases.stream()
                    .filter(a -> !aliases.containsKey(a.id))
                    .forEach(a -> aliases.put(a.id, a));
            written.staleAliases.clear();
        }
        for (Alias a : aliases.values()) {
            if (a.canonicalId.equals(entityId) && a.customMetadata != null && a.customMetadata.isEmpty()) {
                a.customMetadata = null;
            }
        }
    }

    // ---- deletion side effects (spec §2.5) ----

    void deleteEntity(String entityId) {
        if (entities.remove(entityId) == null) {
            return;
        }
        aliases.values().removeIf(a -> a.canonicalId.equals(entityId));
        for (Group g : groups.values()) {
            if (g.memberEntityIds != null && g.memberEntityIds.contains(entityId)) {
                g.memberEntityIds = new ArrayList<>(g.memberEntityIds);
                g.memberEntityIds.removeIf(entityId::equals);
                g.modifyIndex++;
            }
        }
    }

    /** Disabling an auth mount deletes the aliases that point at it, as Vault does. */
    void deleteAliasesOfAccessor(String accessor) {
        aliases.values().removeIf(a -> a.mountAccessor.equals(accessor));
        groupAliases.values().removeIf(a -> a.mountAccessor.equals(accessor));
    }

    // ---- validation ----

    private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9=/+_-]+$");

    /** Vault's {@code validateMetadata}; a violation is a plain error, so 500 (spec §1.10). */
    static void validateMetadata(Map<String, String> meta, String prefix) {
        if (meta == null) {
            return;
        }
        if (meta.size() > 64) {
            throw new Router.PlainError(prefix + "metadata cannot contain more than 64 key/value pairs");
        }
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String problem = metaPairProblem(e.getKey(), e.getValue());
            if (problem != null) {
                throw new Router.PlainError(prefix + "failed to load metadata pair (" + GoText.quote(e.getKey()) + ", "
                        + GoText.quote(e.getValue()) + "): " + problem);
            }
        }
    }

    private static String metaPairProblem(String key, String value) {
        if (key.isEmpty()) {
            return "key cannot be blank";
        }
        if (!META_KEY.matcher(key).matches()) {
            return "key contains invalid characters";
        }
        if (key.length() > 128) {
            return "key is too long (limit: 128 characters)";
        }
        if (key.startsWith("vault-")) {
            return "key prefix \"vault-\" is reserved for internal use";
        }
        if (value.length() > 512) {
            return "value is too long (limit: 512 characters)";
        }
        return null;
    }

    /** sdk/helper/custommetadata {@code Validate}: all problems, as one multierror (500). */
    static void validateCustomMetadata(Map<String, String> cm) {
        if (cm == null) {
            return;
        }
        String prefix = "custom_metadata validation failed";
        if (cm.size() > 64) {
            throw new Router.PlainError(prefix + ": payload must contain at most 64 keys, provided " + cm.size());
        }
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : cm.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            int kl = k.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            int vl = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (kl == 0 || kl > 128) {
                errors.add(prefix + ": length of key " + GoText.quote(k) + " is " + kl
                        + " but must be 0 < len(key) <= 128");
            }
            if (vl == 0 || vl > 512) {
                errors.add(prefix + ": length of value for key " + GoText.quote(k) + " is " + vl
                        + " but must be 0 < len(value) <= 512");
            }
            if (!printable(k)) {
                errors.add(prefix + ": key " + GoText.quote(k) + " (" + k + ") contains unprintable characters");
            }
            if (!printable(v)) {
                errors.add(
                        prefix + ": value for key " + GoText.quote(k) + " (" + v + ") contains unprintable characters");
            }
        }
        if (!errors.isEmpty()) {
            throw new Router.PlainError(errors);
        }
    }

    private static boolean printable(String s) {
        return s.codePoints()
                .allMatch(c -> !Character.isISOControl(c)
                        && Character.getType(c) != Character.UNASSIGNED
                        && Character.getType(c) != Character.FORMAT);
    }

    /** {@code strutil.RemoveDuplicates(list, false)}: trim, drop empty, de-duplicate, sort. */
    static List<String> removeDuplicates(Collection<String> in) {
        Set<String> out = new TreeSet<>();
        for (String s : in) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The policies an entity or group stores: OpenBao lower-cases them on write
     * ({@code strutil.RemoveDuplicates(list, true)}; seen on OpenBao 2.7.2), Vault keeps the case.
     */
    static List<String> writtenPolicies(Flavour flavour, Collection<String> in, boolean group) {
        if (flavour == Flavour.OPENBAO) {
            return removeDuplicates(in.stream().map(IdentityStore::lower).toList());
        }
        return group ? removeDuplicatesCaseInsensitive(in) : removeDuplicates(in);
    }

    /** Groups: de-duplicate case-insensitively keeping the first spelling, then sort (§1.10). */
    static List<String> removeDuplicatesCaseInsensitive(Collection<String> in) {
        Map<String, String> firstSpelling = new LinkedHashMap<>();
        for (String s : in) {
            String t = s.trim();
            if (!t.isEmpty()) {
                firstSpelling.putIfAbsent(lower(t), t);
            }
        }
        return new ArrayList<>(new TreeSet<>(firstSpelling.values()));
    }

    /** The 1.20+ rule (CVE-2025-5999), applied to entities and groups alike (spec §1.10). */
    static boolean containsRoot(List<String> policies) {
        return policies != null && policies.stream().anyMatch(p -> p.equalsIgnoreCase("root"));
    }

    // ---- response shapes ----

    Map<String, Object> entityData(Entity e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", e.id);
        d.put("name", e.name);
        d.put("metadata", e.metadata);
        d.put("policies", e.policies == null ? List.of() : e.policies);
        d.put("disabled", e.disabled);
        d.put("namespace_id", NAMESPACE_ID);
        d.put("creation_time", Json.timestamp(e.created));
        d.put("last_update_time", Json.timestamp(e.updated));
        d.put("merged_entity_ids", e.mergedEntityIds);
        List<Object> aliasData = new ArrayList<>();
        for (Alias a : aliasesOf(e.id)) {
            aliasData.add(aliasData(a, false));
        }
        d.put("aliases", aliasData);
        List<Group> direct = directGroups(e.id);
        List<String> directIds = direct.stream().map(g -> g.id).toList();
        List<String> inheritedIds =
                inheritedGroups(direct).stream().map(g -> g.id).toList();
        List<String> all = new ArrayList<>(directIds);
        all.addAll(inheritedIds);
        d.put("direct_group_ids", directIds);
        d.put("inherited_group_ids", inheritedIds);
        d.put("group_ids", all);
        return d;
    }

    /** An entity or group alias (spec §3.4); {@code standalone} adds namespace_id as a read does. */
    Map<String, Object> aliasData(Alias a, boolean standalone) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", a.id);
        d.put("canonical_id", a.canonicalId);
        d.put("mount_accessor", a.mountAccessor);
        d.put("metadata", a.metadata);
        d.put("name", a.name);
        d.put("merged_from_canonical_ids", a.mergedFromCanonicalIds);
        d.put("creation_time", Json.timestamp(a.created));
        d.put("last_update_time", Json.timestamp(a.updated));
        d.put("local", a.local);
        d.put("custom_metadata", a.customMetadata);
        if (standalone) {
            d.put("namespace_id", NAMESPACE_ID);
        }
        putMount(d, a.mountAccessor);
        return d;
    }

    void putMount(Map<String, Object> d, String accessor) {
        mounts.byAccessor(accessor).ifPresent(m -> {
            d.put("mount_type", m.type());
            d.put("mount_path", m.mountPath());
        });
    }

    Map<String, Object> groupData(Group g) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", g.id);
        d.put("name", g.name);
        d.put("type", g.type);
        d.put("namespace_id", NAMESPACE_ID);
        d.put("modify_index", g.modifyIndex);
        d.put("policies", g.policies);
        d.put("member_entity_ids", g.memberEntityIds);
        d.put("parent_group_ids", g.parentGroupIds);
        List<String> members = memberGroupIds(g.id);
        d.put("member_group_ids", members.isEmpty() ? null : members);
        d.put("metadata", g.metadata);
        d.put("creation_time", Json.timestamp(g.created));
        d.put("last_update_time", Json.timestamp(g.updated));
        Map<String, Object> alias = new LinkedHashMap<>();
        groupAliasOf(g.id).ifPresent(a -> {
            alias.put("id", a.id);
            alias.put("canonical_id", a.canonicalId);
            alias.put("mount_accessor", a.mountAccessor);
            alias.put("metadata", a.metadata);
            alias.put("name", a.name);
            alias.put("merged_from_canonical_ids", a.mergedFromCanonicalIds);
            alias.put("creation_time", Json.timestamp(a.created));
            alias.put("last_update_time", Json.timestamp(a.updated));
            putMount(alias, a.mountAccessor);
        });
        d.put("alias", alias);
        return d;
    }

    /** Short alias info used in list {@code key_info} (spec §2.7, §4.7). */
    Map<String, Object> shortAlias(Alias a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", a.id);
        d.put("name", a.name);
        d.put("mount_accessor", a.mountAccessor);
        putMount(d, a.mountAccessor);
        return d;
    }

    // ---- IdentityView, for the OIDC engine ----

    @Override
    public synchronized Optional<EntitySnapshot> entity(String entityId) {
        Entity e = entityId == null ? null : entities.get(entityId);
        if (e == null) {
            return Optional.empty();
        }
        List<AliasSnapshot> aliasSnapshots = aliasesOf(e.id).stream()
                .map(a -> new AliasSnapshot(a.id, a.name, a.mountAccessor, a.metadata, a.customMetadata))
                .toList();
        List<Group> direct = directGroups(e.id);
        List<Group> all = new ArrayList<>(direct);
        all.addAll(inheritedGroups(direct));
        List<GroupSnapshot> groupSnapshots = all.stream()
                .map(g -> new GroupSnapshot(g.id, g.name, g.metadata))
                .toList();
        return Optional.of(new EntitySnapshot(e.id, e.name, e.disabled, e.metadata, aliasSnapshots, groupSnapshots));
    }

    @Override
    public String namespaceId() {
        return NAMESPACE_ID;
    }
}
