package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.IdentityStore.Alias;
import dev.vaultoidc.emulator.IdentityStore.Entity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The AppRole auth method, enough for tests to log in as a workload: roles, role IDs, secret IDs
 * and {@code login}. Login creates or reuses the entity alias named after the role ID on the
 * mount's accessor, and the entity behind it, exactly as Vault does, so the token carries an
 * {@code entity_id} the identity API (and the OIDC token endpoint) can resolve.
 *
 * <p>Called only under the core lock; {@link #mount} is the mount of the request being served.
 */
final class AppRoleBackend {

    private static final String[] ROLE_FIELDS = {
        "role_name",
        "bind_secret_id",
        "secret_id_bound_cidrs",
        "secret_id_num_uses",
        "secret_id_ttl",
        "local_secret_ids",
        "token_ttl",
        "token_max_ttl",
        "token_policies",
        "policies",
        "token_type",
        "token_num_uses",
        "period",
        "token_period",
        "token_bound_cidrs",
        "token_explicit_max_ttl",
        "token_no_default_policy",
        "role_id",
        "bound_cidr_list"
    };

    static final class Role {
        String name;
        String roleId;
        boolean bindSecretId = true;
        long secretIdNumUses;
        long secretIdTtl;
        long tokenTtl;
        long tokenMaxTtl;
        long tokenExplicitMaxTtl;
        long tokenPeriod;
        long tokenNumUses;
        List<String> tokenPolicies = List.of();
        List<String> secretIdBoundCidrs = List.of();
        List<String> tokenBoundCidrs = List.of();
        String tokenType = "default";
        boolean tokenNoDefaultPolicy;
        boolean localSecretIds;
        /** Whether the deprecated {@code policies} / {@code period} were written (read back only then). */
        boolean legacyPolicies;

        long legacyPeriod;
    }

    record SecretId(
            String accessor,
            String roleName,
            Instant created,
            Instant expiresAt,
            long usesLeft,
            Map<String, String> metadata) {}

    private final Clock clock;
    private final IdentityStore identity;
    private final TokenStore tokens;
    private final Router router;
    private final Flavour flavour;
    /** Roles per mount accessor, keyed by lowercased role name (AppRole names are case-insensitive). */
    private final Map<String, TreeMap<String, Role>> roles = new HashMap<>();

    private final Map<String, Map<String, SecretId>> secretIds = new HashMap<>();
    private AuthMounts.Mount mount;

    AppRoleBackend(Clock clock, IdentityStore identity, TokenStore tokens, Flavour flavour) {
        this.clock = clock;
        this.flavour = flavour;
        this.router = new Router(flavour);
        this.identity = identity;
        this.tokens = tokens;
        router.add("role", (String[]) null)
                .on(
                        "LIST",
                        req -> EmulatorResponse.list(
                                roles().values().stream().map(r -> r.name).toList(), null));
        router.add("role/:role_name", ROLE_FIELDS)
                .existenceCheck()
                .on(
                        "GET",
                        req -> role(req)
                                .map(r -> EmulatorResponse.data(describe(r)))
                                .orElseGet(EmulatorResponse::notFound))
                .on("POST", this::writeRole)
                .on("DELETE", req -> {
                    role(req).ifPresent(r -> {
                        roles().remove(key(r.name));
                        secrets().values().removeIf(s -> s.roleName().equals(r.name));
                    });
                    return EmulatorResponse.noContent();
                });
        router.add("role/:role_name/role-id", "role_name", "role_id")
                .on(
                        "GET",
                        req -> role(req)
                                .map(r -> EmulatorResponse.data(Map.of("role_id", r.roleId)))
                                .orElseGet(EmulatorResponse::notFound))
                .on("POST", this::writeRoleId);
        router.add(
                        "role/:role_name/secret-id",
                        "role_name",
                        "metadata",
                        "cidr_list",
                        "token_bound_cidrs",
                        "num_uses",
                        "ttl")
                .on("POST", this::generateSecretId)
                .on("LIST", req -> {
                    Optional<Role> role = role(req);
                    if (role.isEmpty()) {
                        return badRequest("role \"" + req.body().get("role_name") + "\" does not exist");
                    }
                    return EmulatorResponse.list(
                            secrets().values().stream()
                                    .filter(s -> s.roleName().equals(role.get().name))
                                    .map(SecretId::accessor)
                                    .sorted()
                                    .toList(),
                            null);
                });
        router.add("login", "role_id", "secret_id").on("POST", this::login);
    }

    /** Serves {@code relative} (the path inside {@code mount}); {@code login} as in {@link Router#dispatch}. */
    EmulatorResponse dispatch(EmulatorRequest request, AuthMounts.Mount mount, String relative, boolean login) {
        return dispatch(request, mount, relative, login, "LIST".equals(request.method()));
    }

    /** As above, for a path sent with a trailing slash (see {@link Router#dispatch}). */
    EmulatorResponse dispatch(
            EmulatorRequest request, AuthMounts.Mount mount, String relative, boolean login, boolean trailingSlash) {
        this.mount = mount;
        try {
            return router.dispatch(request, relative, login, trailingSlash);
        } finally {
            this.mount = null;
        }
    }

    void unmounted(AuthMounts.Mount mount) {
        roles.remove(mount.accessor());
        secretIds.remove(mount.accessor());
    }

    private TreeMap<String, Role> roles() {
        return roles.computeIfAbsent(mount.accessor(), k -> new TreeMap<>());
    }

    private Map<String, SecretId> secrets() {
        return secretIds.computeIfAbsent(mount.accessor(), k -> new LinkedHashMap<>());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private Optional<Role> role(EmulatorRequest req) {
        return Optional.ofNullable(roles().get(key(req.body().get("role_name").toString())));
    }

    private EmulatorResponse writeRole(EmulatorRequest req) {
        Map<String, Object> d = req.body();
        String name = d.get("role_name").toString();
        Optional<Boolean> bind = Fields.bool(d, "bind_secret_id");
        Optional<List<String>> secretCidrs = Fields.commaStringSlice(d, "secret_id_bound_cidrs");
        Optional<Long> secretUses = Fields.durationSeconds(d, "secret_id_num_uses");
        Optional<Long> secretTtl = Fields.durationSeconds(d, "secret_id_ttl");
        Optional<Long> tokenTtl = Fields.durationSeconds(d, "token_ttl");
        Optional<Long> tokenMaxTtl = Fields.durationSeconds(d, "token_max_ttl");
        Optional<Long> explicitMax = Fields.durationSeconds(d, "token_explicit_max_ttl");
        Optional<Long> period = Fields.durationSeconds(d, "token_period");
        Optional<Long> numUses = Fields.durationSeconds(d, "token_num_uses");
        Optional<List<String>> policies = Fields.commaStringSlice(d, "token_policies");
        Optional<List<String>> legacyPolicies = Fields.commaStringSlice(d, "policies");
        Optional<List<String>> tokenCidrs = Fields.commaStringSlice(d, "token_bound_cidrs");
        Optional<String> tokenType = Fields.string(d, "token_type");
        Optional<Boolean> noDefault = Fields.bool(d, "token_no_default_policy");
        Optional<Boolean> localSecretIds = Fields.bool(d, "local_secret_ids");
        Optional<String> roleIdIn = Fields.string(d, "role_id");

        Role existing = roles().get(key(name));
        Role role = existing == null ? new Role() : existing;
        boolean bindSecretId = bind.orElse(role.bindSecretId);
        List<String> cidrs = secretCidrs.orElse(role.secretIdBoundCidrs);
        if (!bindSecretId
                && cidrs.isEmpty()
                && tokenCidrs.orElse(role.tokenBoundCidrs).isEmpty()) {
            // A plain Go error in path_role.go, so 500 and wrapped (seen on OpenBao 2.7.2).
            throw new Router.PlainError("at least one constraint should be enabled on the role");
        }
        if (tokenMaxTtl.isPresent() && tokenTtl.orElse(role.tokenTtl) > tokenMaxTtl.get() && tokenMaxTtl.get() > 0) {
            return badRequest("token_ttl should not be greater than token_max_ttl");
        }
        String roleId = existing == null ? roleIdIn.filter(s -> !s.isEmpty()).orElse(Ids.uuid()) : role.roleId;
        if (existing == null && roleIdTaken(roleId, null)) {
            return badRequest("role_id already in use");
        }
        role.name = existing == null ? name : role.name;
        role.roleId = roleId;
        role.bindSecretId = bindSecretId;
        role.secretIdBoundCidrs = cidrs;
        role.secretIdNumUses = secretUses.orElse(role.secretIdNumUses);
        role.secretIdTtl = secretTtl.orElse(role.secretIdTtl);
        role.tokenTtl = tokenTtl.orElse(role.tokenTtl);
        role.tokenMaxTtl = tokenMaxTtl.orElse(role.tokenMaxTtl);
        role.tokenExplicitMaxTtl = explicitMax.orElse(role.tokenExplicitMaxTtl);
        role.tokenPeriod = period.orElse(role.tokenPeriod);
        role.tokenNumUses = numUses.orElse(role.tokenNumUses);
        if (policies.isPresent()) {
            role.tokenPolicies = IdentityStore.removeDuplicates(policies.get());
            role.legacyPolicies = false;
        } else if (legacyPolicies.isPresent()) {
            role.tokenPolicies = IdentityStore.removeDuplicates(legacyPolicies.get());
            role.legacyPolicies = true;
        }
        if (period.isEmpty()) {
            Optional<Long> legacyPeriod = Fields.durationSeconds(d, "period");
            legacyPeriod.ifPresent(p -> {
                role.tokenPeriod = p;
                role.legacyPeriod = p;
            });
        } else {
            role.legacyPeriod = 0;
        }
        role.tokenBoundCidrs = tokenCidrs.orElse(role.tokenBoundCidrs);
        role.tokenType = tokenType.orElse(role.tokenType);
        role.tokenNoDefaultPolicy = noDefault.orElse(role.tokenNoDefaultPolicy);
        role.localSecretIds = localSecretIds.orElse(role.localSecretIds);
        roles().put(key(role.name), role);
        return EmulatorResponse.noContent();
    }

    private boolean roleIdTaken(String roleId, Role except) {
        return roles().values().stream().anyMatch(r -> r != except && r.roleId.equals(roleId));
    }

    private Map<String, Object> describe(Role r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("bind_secret_id", r.bindSecretId);
        d.put("local_secret_ids", r.localSecretIds);
        // The deprecated names read back only when they were written (path_role.go, backwards
        // compatibility block); an unset CIDR list is Go's nil slice, null.
        if (r.legacyPolicies) {
            d.put("policies", r.tokenPolicies);
        }
        if (r.legacyPeriod > 0) {
            d.put("period", r.legacyPeriod);
        }
        d.put("secret_id_bound_cidrs", r.secretIdBoundCidrs.isEmpty() ? null : r.secretIdBoundCidrs);
        d.put("secret_id_num_uses", r.secretIdNumUses);
        d.put("secret_id_ttl", r.secretIdTtl);
        d.put("token_bound_cidrs", r.tokenBoundCidrs);
        d.put("token_explicit_max_ttl", r.tokenExplicitMaxTtl);
        d.put("token_max_ttl", r.tokenMaxTtl);
        d.put("token_no_default_policy", r.tokenNoDefaultPolicy);
        d.put("token_num_uses", r.tokenNumUses);
        d.put("token_period", r.tokenPeriod);
        d.put("token_policies", r.tokenPolicies);
        if (flavour == Flavour.OPENBAO) {
            // OpenBao's token fields add strict IP binding (sdk/helper/tokenutil/tokenutil.go); Vault has none.
            d.put("token_strictly_bind_ip", false);
        }
        d.put("token_ttl", r.tokenTtl);
        d.put("token_type", r.tokenType);
        return d;
    }

    private EmulatorResponse writeRoleId(EmulatorRequest req) {
        Optional<Role> role = role(req);
        if (role.isEmpty()) {
            return badRequest("role \"" + req.body().get("role_name") + "\" does not exist");
        }
        String roleId = Fields.string(req.body(), "role_id").orElse("");
        if (roleId.isEmpty()) {
            return badRequest("missing role_id");
        }
        if (roleIdTaken(roleId, role.get())) {
            return badRequest("role_id already in use");
        }
        role.get().roleId = roleId;
        return EmulatorResponse.noContent();
    }

    private EmulatorResponse generateSecretId(EmulatorRequest req) {
        Map<String, Object> d = req.body();
        Optional<Long> ttl = Fields.durationSeconds(d, "ttl");
        Optional<Long> uses = Fields.durationSeconds(d, "num_uses");
        String metadataJson = Fields.string(d, "metadata").orElse("");
        Optional<Role> role = role(req);
        if (role.isEmpty()) {
            // logical.ErrUnsupportedPath with the message: 404 (path_role.go, seen on OpenBao 2.7.2).
            return EmulatorResponse.error(404, "role \"" + d.get("role_name") + "\" does not exist");
        }
        if (!role.get().bindSecretId) {
            return badRequest("bind_secret_id is not set on the role");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!metadataJson.isEmpty()) {
            try {
                Json.parseObject(metadataJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .forEach((k, v) -> metadata.put(k, String.valueOf(v)));
            } catch (java.io.IOException e) {
                return badRequest("failed to parse metadata: metadata must be a JSON object of strings");
            }
        }
        long ttlSeconds = ttl.orElse(role.get().secretIdTtl);
        long numUses = uses.orElse(role.get().secretIdNumUses);
        Instant now = clock.instant();
        String secretId = Ids.uuid();
        SecretId s = new SecretId(
                Ids.uuid(),
                role.get().name,
                now,
                ttlSeconds > 0 ? now.plusSeconds(ttlSeconds) : null,
                numUses,
                metadata);
        secrets().put(secretId, s);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("secret_id", secretId);
        data.put("secret_id_accessor", s.accessor());
        data.put("secret_id_ttl", ttlSeconds);
        data.put("secret_id_num_uses", numUses);
        return EmulatorResponse.data(data);
    }

    private EmulatorResponse login(EmulatorRequest req) {
        String roleId = Fields.string(req.body(), "role_id").orElse("");
        String secretId = Fields.string(req.body(), "secret_id").orElse("");
        if (roleId.isEmpty()) {
            throw new Router.PlainError("missing role_id"); // a plain Go error in path_login.go: 500
        }
        Optional<Role> found =
                roles().values().stream().filter(r -> r.roleId.equals(roleId)).findFirst();
        if (found.isEmpty()) {
            return badRequest("invalid role or secret ID");
        }
        Role role = found.get();
        // The secret ID's metadata goes into the token's and the alias' metadata, role_name winning
        // (path_login.go).
        Map<String, String> meta = new TreeMap<>();
        if (role.bindSecretId) {
            if (secretId.isEmpty()) {
                return badRequest("missing secret_id");
            }
            SecretId s = secrets().get(secretId);
            Instant now = clock.instant();
            if (s == null
                    || !s.roleName().equals(role.name)
                    || (s.expiresAt() != null && !now.isBefore(s.expiresAt()))) {
                if (s != null && s.expiresAt() != null && !now.isBefore(s.expiresAt())) {
                    secrets().remove(secretId);
                }
                return badRequest("invalid role or secret ID");
            }
            if (s.usesLeft() > 0) {
                if (s.usesLeft() == 1) {
                    secrets().remove(secretId);
                } else {
                    secrets()
                            .put(
                                    secretId,
                                    new SecretId(
                                            s.accessor(),
                                            s.roleName(),
                                            s.created(),
                                            s.expiresAt(),
                                            s.usesLeft() - 1,
                                            s.metadata()));
                }
            }
            meta.putAll(s.metadata());
        }
        meta.put("role_name", role.name);

        Entity entity = entityFor(role, meta);
        List<String> policies = new ArrayList<>(role.tokenPolicies);
        if (!role.tokenNoDefaultPolicy) {
            policies.add("default");
        }
        policies = IdentityStore.removeDuplicates(policies);
        long ttl = role.tokenTtl > 0 ? role.tokenTtl : TokenStore.DEFAULT_TTL_SECONDS;
        long maxTtl = role.tokenExplicitMaxTtl > 0 ? role.tokenExplicitMaxTtl : role.tokenMaxTtl;
        if (maxTtl > 0 && ttl > maxTtl) {
            ttl = maxTtl;
        }
        TokenStore.Token token = tokens.create(
                policies,
                entity.id,
                "auth/" + mount.path() + "login",
                ttl,
                maxTtl,
                meta,
                mount.path().equals("approle/") ? "approle" : "approle-" + role.name,
                true,
                null);
        Map<String, Object> extra = new LinkedHashMap<>();
        List<String> identityPolicies = identityPolicies(entity);
        if (!identityPolicies.isEmpty()) {
            extra.put("identity_policies", identityPolicies);
            List<String> all = new ArrayList<>(policies);
            all.addAll(identityPolicies);
            extra.put("policies", IdentityStore.removeDuplicates(all));
        }
        return EmulatorResponse.auth(TokenStore.authBlock(token, extra));
    }

    /** The alias is named after the role ID on this mount; a new one gets a new entity (as Vault). */
    private Entity entityFor(Role role, Map<String, String> meta) {
        IdentityStore store = identity;
        Instant now = clock.instant();
        Optional<Alias> existing = store.aliasByFactors(mount.accessor(), role.roleId);
        if (existing.isPresent() && store.entities.containsKey(existing.get().canonicalId)) {
            Alias alias = existing.get();
            if (!meta.equals(alias.metadata)) {
                alias.metadata = new TreeMap<>(meta);
                alias.updated = now;
            }
            return store.entities.get(alias.canonicalId);
        }
        Entity entity = new Entity();
        entity.id = Ids.uuid();
        entity.name = store.generatedName("entity_");
        entity.created = now;
        entity.updated = now;
        store.entities.put(entity.id, entity);
        Alias alias = new Alias();
        alias.id = Ids.uuid();
        alias.canonicalId = entity.id;
        alias.mountAccessor = mount.accessor();
        alias.name = role.roleId;
        alias.metadata = new TreeMap<>(meta);
        alias.local = mount.local();
        alias.created = now;
        alias.updated = now;
        store.aliases.put(alias.id, alias);
        return entity;
    }

    private List<String> identityPolicies(Entity entity) {
        List<String> out = new ArrayList<>();
        if (entity.policies != null) {
            out.addAll(entity.policies);
        }
        List<IdentityStore.Group> direct = identity.directGroups(entity.id);
        List<IdentityStore.Group> all = new ArrayList<>(direct);
        all.addAll(identity.inheritedGroups(direct));
        for (IdentityStore.Group g : all) {
            if (g.policies != null) {
                out.addAll(g.policies);
            }
        }
        return IdentityStore.removeDuplicates(out);
    }
}
