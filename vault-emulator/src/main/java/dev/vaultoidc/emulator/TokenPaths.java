package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The token auth method's paths that tests need: create (also against a token role, with
 * {@code entity_alias}), token roles, lookup(-self), renew-self, revoke(-self).
 */
final class TokenPaths {

    private static final String[] CREATE_FIELDS = {
        "id",
        "policies",
        "meta",
        "no_parent",
        "no_default_policy",
        "renewable",
        "ttl",
        "explicit_max_ttl",
        "display_name",
        "num_uses",
        "period",
        "type",
        "entity_alias",
        "role_name",
        "metadata",
        "format"
    };

    private static final String[] ROLE_FIELDS = {
        "role_name",
        "allowed_policies",
        "disallowed_policies",
        "allowed_policies_glob",
        "disallowed_policies_glob",
        "orphan",
        "renewable",
        "path_suffix",
        "explicit_max_ttl",
        "period",
        "allowed_entity_aliases",
        "token_bound_cidrs",
        "token_explicit_max_ttl",
        "token_no_default_policy",
        "token_num_uses",
        "token_period",
        "token_type"
    };

    /** Vault's {@code pathSuffixSanitize}, searched for rather than matched whole. */
    private static final Pattern PATH_SUFFIX = Pattern.compile("\\w[\\w-.]+\\w");

    /** What a role's {@code token_type} may be ({@code default} alone is refused). */
    private static final Set<String> TOKEN_TYPES = Set.of("service", "batch", "default-service", "default-batch");

    private final Clock clock;
    private final TokenStore tokens;
    private final IdentityStore identity;
    private final AuthMounts mounts;
    /** Whether a policy of this name is stored, for the "does not exist" warnings. */
    private final java.util.function.Predicate<String> policyExists;
    /** Token roles by name; names are case-sensitive, as Vault stores them. */
    private final Map<String, TokenRole> roles = new TreeMap<>();

    TokenPaths(
            Clock clock,
            TokenStore tokens,
            IdentityStore identity,
            AuthMounts mounts,
            java.util.function.Predicate<String> policyExists) {
        this.clock = clock;
        this.tokens = tokens;
        this.identity = identity;
        this.mounts = mounts;
        this.policyExists = policyExists;
    }

    void register(Router r) {
        r.add("auth/token/create", CREATE_FIELDS).on("POST", req -> create(req, false, false));
        r.add("auth/token/create-orphan", CREATE_FIELDS).on("POST", req -> create(req, true, false));
        r.add("auth/token/create/:role_name", CREATE_FIELDS).on("POST", req -> create(req, false, true));
        r.add("auth/token/roles").on("LIST", req -> EmulatorResponse.list(new ArrayList<>(roles.keySet()), null));
        r.add("auth/token/roles/:role_name", ROLE_FIELDS)
                .on(
                        "GET",
                        req -> Optional.ofNullable(roles.get((String) req.body().get("role_name")))
                                .map(role -> EmulatorResponse.data(roleData(role)))
                                .orElseGet(EmulatorResponse::notFound))
                .on("POST", req -> {
                    try {
                        return writeRole(req);
                    } catch (RoleFieldError e) {
                        return badRequest(e.getMessage());
                    }
                })
                .on("DELETE", req -> {
                    roles.remove((String) req.body().get("role_name"));
                    return EmulatorResponse.noContent();
                });
        r.add("auth/token/lookup-self", "token").on("GET", this::lookupSelf).on("POST", this::lookupSelf);
        // Vault's handleLookup: no token looks up the caller's own, GET included; an unknown token
        // is "bad token" with 403 (token_store.go, seen on OpenBao 2.7.2).
        Router.Handler lookup = req -> {
            String id = Fields.string(req.body(), "token").orElse("");
            if (id.isEmpty()) {
                return lookupSelf(req);
            }
            return tokens.valid(id)
                    .map(t -> EmulatorResponse.data(lookupData(t)))
                    .orElseGet(() -> EmulatorResponse.error(403, "bad token"));
        };
        r.add("auth/token/lookup", "token").on("GET", lookup).on("POST", lookup);
        r.add("auth/token/renew-self", "increment", "token").on("POST", this::renewSelf);
        r.add("auth/token/revoke-self").on("POST", req -> {
            tokens.caller(req).ifPresent(t -> tokens.revoke(t.id()));
            return EmulatorResponse.noContent();
        });
        r.add("auth/token/revoke", "token").on("POST", req -> {
            String id = Fields.string(req.body(), "token").orElse("");
            if (id.isEmpty()) {
                return badRequest("missing token ID"); // token_store.go handleRevokeTree
            }
            tokens.revoke(id);
            return EmulatorResponse.noContent();
        });
    }

    // ---- token roles (spec §10.1) ----

    private EmulatorResponse writeRole(EmulatorRequest req) {
        Map<String, Object> d = req.body();
        String name = (String) d.get("role_name");
        TokenRole existing = roles.get(name);
        TokenRole role = existing == null ? new TokenRole(name) : existing.copy();
        List<String> warnings = new ArrayList<>();
        try {
            roleFields(d, role, warnings);
        } catch (RoleFieldError e) {
            return badRequest(e.getMessage());
        } catch (Fields.FieldValidationException e) {
            return badRequest(handlerWording(e.getMessage()));
        }
        Optional<String> suffix = roleString(d, "path_suffix");
        if (suffix.isPresent()) {
            String s = suffix.get().trim();
            // Vault searches for the pattern (it does not anchor it), then refuses parent references.
            if (!s.isEmpty() && !PATH_SUFFIX.matcher(s).find()) {
                return badRequest(
                        "given role path suffix contains invalid characters; must match " + PATH_SUFFIX.pattern());
            }
            if (s.contains("..")) {
                return badRequest("error registering path suffix: path cannot contain parent references");
            }
            role.pathSuffix = s;
        }

        Optional<String> type = roleString(d, "token_type");
        if (type.isPresent()) {
            String t = type.get();
            if (!TOKEN_TYPES.contains(t)) {
                return badRequest("invalid 'token_type' value " + GoText.quote(t));
            }
            role.tokenType = t;
        }
        // The texts and their order as OpenBao 2.7.2 answered them. It accepts a periodic
        // default-batch role when the request names the type, and refuses it otherwise.
        if (type.isEmpty() && role.tokenType.equals("default-batch") && role.tokenPeriod > 0) {
            return badRequest("error parsing role fields: 'token_type' cannot be 'batch' or "
                    + "'default_batch' when set to generate periodic tokens");
        }
        if (role.tokenType.equals("batch")) {
            if (!role.orphan) {
                return badRequest("'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
            }
            if (role.tokenPeriod > 0) {
                return badRequest("'token_type' cannot be 'batch' when role is set to generate periodic tokens");
            }
            if (role.renewable) {
                return badRequest("'token_type' cannot be 'batch' when role is set to generate renewable tokens");
            }
        }
        roles.put(name, role);
        return warnings.isEmpty() ? EmulatorResponse.noContent() : EmulatorResponse.data(null, warnings);
    }

    private static void roleFields(Map<String, Object> d, TokenRole role, List<String> warnings) {
        roleBool(d, "orphan").ifPresent(v -> role.orphan = v);
        roleBool(d, "renewable").ifPresent(v -> role.renewable = v);
        roleBool(d, "token_no_default_policy").ifPresent(v -> role.tokenNoDefaultPolicy = v);
        Fields.commaStringSlice(d, "allowed_policies").ifPresent(v -> role.allowedPolicies = sanitize(v));
        Fields.commaStringSlice(d, "disallowed_policies").ifPresent(v -> role.disallowedPolicies = sanitize(v));
        Fields.commaStringSlice(d, "allowed_policies_glob").ifPresent(v -> role.allowedPoliciesGlob = sanitize(v));
        Fields.commaStringSlice(d, "disallowed_policies_glob")
                .ifPresent(v -> role.disallowedPoliciesGlob = sanitize(v));
        // Only when supplied, on create as on update: never supplied reads back as null (§10.1).
        Fields.commaStringSlice(d, "allowed_entity_aliases").ifPresent(v -> role.allowedEntityAliases = sanitize(v));
        Fields.commaStringSlice(d, "token_bound_cidrs")
                .ifPresent(v -> role.tokenBoundCidrs = v.stream()
                        .filter(c -> !c.isEmpty())
                        .map(TokenPaths::singleHost)
                        .toList());
        Object numUses = d.get("token_num_uses");
        if (numUses != null) {
            role.tokenNumUses = roleInt("token_num_uses", numUses);
            if (role.tokenNumUses < 0) {
                throw new RoleFieldError("error parsing role fields: 'token_num_uses' cannot be negative");
            }
        }

        Optional<Long> tokenPeriod = Fields.durationSeconds(d, "token_period");
        Optional<Long> period = Fields.durationSeconds(d, "period");
        if (tokenPeriod.isPresent()) {
            role.tokenPeriod = tokenPeriod.get();
            role.period = 0;
            if (period.isPresent()) {
                warnings.add("Both 'token_period' and deprecated 'period' value supplied, ignoring the "
                        + "deprecated value");
            }
        } else {
            // The deprecated name alone sets both, and both read back (OpenBao 2.7.2).
            period.ifPresent(v -> {
                role.tokenPeriod = v;
                role.period = v;
            });
        }
        Optional<Long> tokenMax = Fields.durationSeconds(d, "token_explicit_max_ttl");
        Optional<Long> max = Fields.durationSeconds(d, "explicit_max_ttl");
        if (tokenMax.isPresent()) {
            role.tokenExplicitMaxTtl = tokenMax.get();
            role.explicitMaxTtl = 0;
            if (max.isPresent()) {
                warnings.add("Both 'token_explicit_max_ttl' and deprecated 'explicit_max_ttl' value "
                        + "supplied, ignoring the deprecated value");
            }
        } else {
            max.ifPresent(v -> {
                role.tokenExplicitMaxTtl = v;
                role.explicitMaxTtl = v;
            });
        }
    }

    /**
     * The role's boolean fields are read by the handler itself, which words a bad value without
     * the framework's {@code Field validation failed} prefix (OpenBao 2.7.2).
     */
    private static Optional<Boolean> roleBool(Map<String, Object> d, String field) {
        try {
            return Fields.bool(d, field);
        } catch (Fields.FieldValidationException e) {
            if (!(d.get(field) instanceof String)) {
                throw mapstructureError(field, e);
            }
            throw new RoleFieldError("error converting input for field " + GoText.quote(field)
                    + ": '' cannot parse value as 'bool': strconv.ParseBool: invalid syntax");
        }
    }

    /** A string field the role handler decodes itself (mapstructure words its error with ''). */
    private static Optional<String> roleString(Map<String, Object> d, String field) {
        try {
            return Fields.string(d, field);
        } catch (Fields.FieldValidationException e) {
            throw mapstructureError(field, e);
        }
    }

    private static RoleFieldError mapstructureError(String field, Fields.FieldValidationException e) {
        String worded = handlerWording(e.getMessage());
        String head = "error converting input for field " + GoText.quote(field) + ": ";
        return new RoleFieldError(worded.startsWith(head) ? head + "'' " + worded.substring(head.length()) : worded);
    }

    private static long roleInt(String field, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new RoleFieldError("error converting input for field " + GoText.quote(field)
                    + ": '' cannot parse value as 'int': strconv.ParseInt: invalid syntax");
        }
    }

    /**
     * The role handler reads its fields itself, so a bad value is worded without the framework's
     * prefix and without the input: {@code error converting input for field "period": time:
     * invalid duration "x"} (OpenBao 2.7.2).
     */
    private static String handlerWording(String frameworkMessage) {
        int at = frameworkMessage.lastIndexOf(" for field \"");
        return at < 0 ? frameworkMessage : "error converting input" + frameworkMessage.substring(at);
    }

    /** {@code 127.0.0.1/32} reads back as {@code 127.0.0.1}, as Vault's sockaddr types print it. */
    private static String singleHost(String cidr) {
        if (cidr.endsWith("/32") && !cidr.contains(":")) {
            return cidr.substring(0, cidr.length() - 3);
        }
        return cidr.endsWith("/128") ? cidr.substring(0, cidr.length() - 4) : cidr;
    }

    /** Vault's policy sanitising for role lists: trimmed, lower-cased, de-duplicated, sorted. */
    private static List<String> sanitize(List<String> in) {
        return IdentityStore.removeDuplicates(
                in.stream().map(IdentityStore::lower).toList());
    }

    private Map<String, Object> roleData(TokenRole r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("allowed_entity_aliases", r.allowedEntityAliases);
        d.put("allowed_policies", r.allowedPolicies);
        d.put("allowed_policies_glob", r.allowedPoliciesGlob);
        d.put("disallowed_policies", r.disallowedPolicies);
        d.put("disallowed_policies_glob", r.disallowedPoliciesGlob);
        d.put("explicit_max_ttl", r.explicitMaxTtl);
        d.put("name", r.name);
        d.put("orphan", r.orphan);
        d.put("path_suffix", r.pathSuffix);
        d.put("period", r.period);
        d.put("renewable", r.renewable);
        if (!r.tokenBoundCidrs.isEmpty()) {
            d.put("token_bound_cidrs", r.tokenBoundCidrs);
        }
        d.put("token_explicit_max_ttl", r.tokenExplicitMaxTtl);
        d.put("token_no_default_policy", r.tokenNoDefaultPolicy);
        if (r.tokenNumUses > 0) {
            d.put("token_num_uses", r.tokenNumUses);
        }
        d.put("token_period", r.tokenPeriod);
        d.put("token_type", r.tokenType);
        return d;
    }

    // ---- token creation (spec §10.2) ----

    private EmulatorResponse create(EmulatorRequest req, boolean orphan, boolean againstRole) {
        Map<String, Object> d = req.body();
        TokenStore.Token parent = tokens.caller(req).orElseThrow();
        TokenRole role = null;
        if (againstRole) {
            String roleName = (String) d.get("role_name");
            role = roles.get(roleName);
            if (role == null) {
                return badRequest("unknown role " + roleName);
            }
        }
        Optional<List<String>> policiesIn = Fields.commaStringSlice(d, "policies");
        Optional<Map<String, String>> meta = Fields.kvPairs(d, "meta");
        boolean noParent = Fields.bool(d, "no_parent").orElse(false);
        boolean noDefault = Fields.bool(d, "no_default_policy").orElse(false);
        boolean renewable = Fields.bool(d, "renewable").orElse(true);
        Optional<Long> ttl;
        try {
            ttl = Fields.durationSeconds(d, "ttl");
        } catch (Fields.FieldValidationException e) {
            // The token store decodes its body into a struct and parses ttl itself, answering the bare
            // Go error (token_store.go handleCreateCommon: parseutil.ParseDurationSecond).
            return badRequest(e.getMessage().substring(e.getMessage().indexOf("\": ") + 3));
        }
        Optional<Long> maxTtl = Fields.durationSeconds(d, "explicit_max_ttl");
        String displayName = Fields.string(d, "display_name").orElse("");
        String entityAlias = Fields.string(d, "entity_alias").orElse("");

        // Vault resolves the entity alias before any policy or TTL check, so a request that fails
        // later still leaves a new entity and alias behind (§10.2).
        String entityId = parent.entityId();
        if (!entityAlias.isEmpty()) {
            if (role == null) {
                return badRequest("'entity_alias' is only allowed in combination with token role");
            }
            if (!aliasAllowed(role, entityAlias)) {
                return badRequest("invalid 'entity_alias' value");
            }
            IdentityStore.Entity entity = entityForAlias(entityAlias);
            if (entity.disabled) {
                return EmulatorResponse.error(403, "entity from given entity alias is disabled");
            }
            entityId = entity.id;
        }

        List<String> policies;
        long period = 0;
        long explicitMax = maxTtl.orElse(0L);
        long numUses = Fields.durationSeconds(d, "num_uses").orElse(0L);
        if (role == null) {
            if (policiesIn.isEmpty()) {
                policies = parent.policies();
            } else {
                List<String> p = new ArrayList<>(IdentityStore.removeDuplicates(policiesIn.get()));
                if (!noDefault && !p.contains("root") && !p.contains("default")) {
                    p.add("default");
                }
                policies = IdentityStore.removeDuplicates(p);
            }
        } else {
            boolean addDefault = !noDefault && !role.tokenNoDefaultPolicy;
            List<String> requested = policiesIn.map(TokenPaths::sanitize).orElse(List.of());
            if (!role.allowedPolicies.isEmpty() || !role.allowedPoliciesGlob.isEmpty()) {
                List<String> allowed = withDefault(role.allowedPolicies, addDefault);
                if (requested.isEmpty()) {
                    policies = allowed;
                } else {
                    policies = withDefault(requested, addDefault);
                    for (String p : policies) {
                        if (!allowed.contains(p) && !globMatch(role.allowedPoliciesGlob, p)) {
                            return badRequest("token policies (" + goList(policies) + ") must be subset of the "
                                    + "role's allowed policies (" + goList(allowed) + ") or glob policies ("
                                    + goList(role.allowedPoliciesGlob) + ")");
                        }
                    }
                }
            } else if (requested.isEmpty()) {
                policies = parent.root() ? List.of("root") : withDefault(parent.policies(), addDefault);
            } else {
                policies = withDefault(requested, addDefault);
            }
            for (String p : policies) {
                if (role.disallowedPolicies.contains(p) || globMatch(role.disallowedPoliciesGlob, p)) {
                    return badRequest("token policy " + GoText.quote(p) + " is disallowed by this role");
                }
            }
            renewable = renewable && role.renewable;
            orphan = orphan || role.orphan;
            period = role.tokenPeriod;
            if (role.tokenExplicitMaxTtl > 0 && (explicitMax == 0 || explicitMax > role.tokenExplicitMaxTtl)) {
                explicitMax = role.tokenExplicitMaxTtl;
            }
            if (numUses == 0) {
                numUses = role.tokenNumUses;
            }
        }
        long ttlSeconds =
                period > 0 ? period : ttl.orElse(policies.contains("root") ? 0L : TokenStore.DEFAULT_TTL_SECONDS);
        if (explicitMax > 0 && (ttlSeconds == 0 || ttlSeconds > explicitMax)) {
            ttlSeconds = explicitMax;
        }
        if (ttlSeconds == 0) {
            renewable = false; // a token that never expires has nothing to renew (OpenBao 2.7.2)
        }
        boolean isOrphan = orphan || noParent;
        String path = role == null
                ? (orphan ? "auth/token/create-orphan" : "auth/token/create")
                : "auth/token/create/" + role.name + (role.pathSuffix.isEmpty() ? "" : "/" + role.pathSuffix);
        TokenStore.Token token = tokens.create(
                policies,
                entityId,
                path,
                ttlSeconds,
                explicitMax,
                meta.orElse(null),
                displayName.isEmpty() ? "token" : "token-" + displayName,
                renewable,
                isOrphan ? null : parent.id(),
                role == null ? null : role.name,
                numUses,
                period);
        Map<String, Object> auth = TokenStore.authBlock(token, identityExtra(token));
        // Every token policy the policy store does not hold gets "does not exist" (what OpenBao 2.7.2
        // warns, for create, create-orphan and create/:role alike).
        List<String> warnings = new ArrayList<>();
        for (String p : policies) {
            if (!policyExists.test(p)) {
                warnings.add("Policy " + GoText.quote(p) + " does not exist");
            }
        }
        if (warnings.isEmpty()) {
            return EmulatorResponse.auth(auth);
        }
        return new EmulatorResponse(EmulatorResponse.Kind.ENVELOPE, 200, null, warnings, auth, null, Map.of());
    }

    /** Whether the lower-cased alias is one of the role's entries or matches one of its globs. */
    private static boolean aliasAllowed(TokenRole role, String alias) {
        List<String> allowed = role.allowedEntityAliases;
        if (allowed == null) {
            return false;
        }
        String lower = IdentityStore.lower(alias);
        return allowed.contains(lower) || globMatch(allowed, lower);
    }

    /**
     * Vault's {@code CreateOrFetchEntity} for the token mount: the alias with these factors (names
     * compare case-insensitively) gives its entity; otherwise a new entity with a generated name
     * and one alias named as sent.
     */
    private IdentityStore.Entity entityForAlias(String aliasName) {
        AuthMounts.Mount mount = mounts.byPath("token").orElseThrow();
        Optional<IdentityStore.Alias> existing = identity.aliasByFactors(mount.accessor(), aliasName);
        if (existing.isPresent() && identity.entities.containsKey(existing.get().canonicalId)) {
            return identity.entities.get(existing.get().canonicalId);
        }
        Instant now = clock.instant();
        IdentityStore.Entity entity = new IdentityStore.Entity();
        entity.id = Ids.uuid();
        entity.name = identity.generatedName("entity_");
        entity.created = now;
        entity.updated = now;
        identity.entities.put(entity.id, entity);
        IdentityStore.Alias alias = new IdentityStore.Alias();
        alias.id = Ids.uuid();
        alias.canonicalId = entity.id;
        alias.mountAccessor = mount.accessor();
        alias.name = aliasName;
        alias.local = mount.local();
        alias.created = now;
        alias.updated = now;
        identity.aliases.put(alias.id, alias);
        return entity;
    }

    /** {@code identity_policies} and the merged {@code policies} when the entity brings any. */
    private Map<String, Object> identityExtra(TokenStore.Token token) {
        if (token.entityId() == null || !identity.entities.containsKey(token.entityId())) {
            return null;
        }
        IdentityStore.Entity entity = identity.entities.get(token.entityId());
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
        List<String> identityPolicies = IdentityStore.removeDuplicates(out);
        if (identityPolicies.isEmpty()) {
            return null;
        }
        List<String> merged = new ArrayList<>(token.policies());
        merged.addAll(identityPolicies);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("identity_policies", identityPolicies);
        extra.put("policies", IdentityStore.removeDuplicates(merged));
        return extra;
    }

    private static List<String> withDefault(List<String> policies, boolean addDefault) {
        List<String> p = new ArrayList<>(policies);
        if (addDefault && !p.contains("root")) {
            p.add("default");
        }
        return IdentityStore.removeDuplicates(p);
    }

    /** go-glob: {@code *} matches any run of characters, anywhere; nothing else is special. */
    static boolean globMatch(List<String> globs, String value) {
        for (String g : globs) {
            String regex = Arrays.stream(g.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
            if (Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
    private static String goList(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            sb.append(sb.length() > 1 ? " " : "").append(GoText.quote(v));
        }
        return sb.append(']').toString();
    }

    private EmulatorResponse lookupSelf(EmulatorRequest req) {
        return tokens.caller(req)
                .map(t -> EmulatorResponse.data(lookupData(t)))
                .orElseGet(() -> badRequest("bad token"));
    }

    private Map<String, Object> lookupData(TokenStore.Token t) {
        Instant now = clock.instant();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accessor", t.accessor());
        d.put("creation_time", t.issued().getEpochSecond());
        d.put("creation_ttl", t.ttlSeconds());
        d.put("display_name", t.displayName());
        d.put("entity_id", t.entityId() == null ? "" : t.entityId());
        d.put("expire_time", t.expiresAt() == null ? null : Json.timestamp(t.expiresAt()));
        d.put("explicit_max_ttl", 0);
        d.put("id", t.id());
        d.put("issue_time", Json.timestamp(t.issued()));
        d.put("meta", t.meta());
        d.put("num_uses", t.numUses());
        d.put("orphan", t.orphan());
        d.put("path", t.path());
        d.put("policies", t.policies());
        d.put("renewable", t.renewable());
        if (t.role() != null) {
            d.put("role", t.role());
        }
        d.put("ttl", t.remainingSeconds(now));
        d.put("type", "service");
        return d;
    }

    private EmulatorResponse renewSelf(EmulatorRequest req) {
        TokenStore.Token token = tokens.caller(req).orElseThrow();
        Optional<Long> increment = Fields.durationSeconds(req.body(), "increment");
        if (token.expiresAt() == null) {
            return EmulatorResponse.auth(TokenStore.authBlock(token, null));
        }
        if (!token.renewable()) {
            return badRequest("lease is not renewable");
        }
        TokenStore.Token renewed = tokens.renew(token, increment.orElse(null));
        // authBlock reports the renewed TTL computed at the renewal instant; reading the clock again
        // here would floor 3600 s to 3599 s and look like a max-TTL cap to clients.
        return EmulatorResponse.auth(TokenStore.authBlock(renewed, null));
    }

    /** A value the role handler itself refuses; answered 400 with this text. */
    private static final class RoleFieldError extends RuntimeException {
        RoleFieldError(String message) {
            super(message, null, false, false);
        }
    }

    /** One token role; lists are sanitised on write (lower-cased, de-duplicated, sorted). */
    private static final class TokenRole {
        final String name;
        List<String> allowedPolicies = List.of();
        List<String> disallowedPolicies = List.of();
        List<String> allowedPoliciesGlob = List.of();
        List<String> disallowedPoliciesGlob = List.of();
        List<String> allowedEntityAliases;
        List<String> tokenBoundCidrs = List.of();
        boolean orphan;
        boolean renewable = true;
        boolean tokenNoDefaultPolicy;
        String pathSuffix = "";
        String tokenType = "default-service";
        long tokenPeriod;
        long period;
        long tokenExplicitMaxTtl;
        long explicitMaxTtl;
        long tokenNumUses;

        TokenRole(String name) {
            this.name = name;
        }

        TokenRole copy() {
            TokenRole c = new TokenRole(name);
            c.allowedPolicies = allowedPolicies;
            c.disallowedPolicies = disallowedPolicies;
            c.allowedPoliciesGlob = allowedPoliciesGlob;
            c.disallowedPoliciesGlob = disallowedPoliciesGlob;
            c.allowedEntityAliases = allowedEntityAliases;
            c.tokenBoundCidrs = tokenBoundCidrs;
            c.orphan = orphan;
            c.renewable = renewable;
            c.tokenNoDefaultPolicy = tokenNoDefaultPolicy;
            c.pathSuffix = pathSuffix;
            c.tokenType = tokenType;
            c.tokenPeriod = tokenPeriod;
            c.period = period;
            c.tokenExplicitMaxTtl = tokenExplicitMaxTtl;
            c.explicitMaxTtl = explicitMaxTtl;
            c.tokenNumUses = tokenNumUses;
            return c;
        }
    }
}
