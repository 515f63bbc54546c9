package dev.vaultoidc.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The OIDC provider's four object kinds (spec §9.1–§9.5): assignments, scopes, clients and
 * providers, with Vault's validation, defaults, cross-references and error texts, plus the
 * built-in {@code default} provider and {@code allow_all} assignment. {@link OidcProviderPaths}
 * routes the admin paths here; {@link OidcProviderFlow} reads the objects for the protocol
 * endpoints. Callers hold the core lock.
 */
final class OidcProviderStore implements OidcEngine.ClientKeyUse {

    static final String ALLOW_ALL = "allow_all";
    static final String DEFAULT_PROVIDER = "default";
    static final String PROVIDER_PREFIX = "identity/oidc/provider/";

    static final class Assignment {
        List<String> entityIds = List.of();
        List<String> groupIds = List.of();
    }

    static final class Scope {
        String template = "";
        String description = "";
    }

    static final class Client {
        String name;
        List<String> redirectUris = List.of();
        List<String> assignments = List.of();
        String key = OidcEngine.DEFAULT_KEY;
        long idTokenTtl = OidcEngine.DAY;
        long accessTokenTtl = OidcEngine.DAY;
        String clientId = "";
        String clientSecret = "";
        String clientType = "confidential";
        // OpenBao 2.5+ only (spec §9.12).
        boolean authorizationCode = true;
        boolean clientCredentials;

        boolean isPublic() {
            return clientType.equals("public");
        }
    }

    static final class Provider {
        String issuer = "";
        List<String> allowedClientIds = List.of();
        List<String> scopesSupported = List.of();

        boolean allows(String clientId) {
            return allowedClientIds.contains("*") || allowedClientIds.contains(clientId);
        }
    }

    private final OidcEngine keys;
    private final Supplier<String> apiAddress;
    private final Flavour flavour;
    // TreeMaps: Vault's storage List is lexicographic (spec §9.1).
    final TreeMap<String, Assignment> assignments = new TreeMap<>();
    final TreeMap<String, Scope> scopes = new TreeMap<>();
    final TreeMap<String, Client> clients = new TreeMap<>();
    final TreeMap<String, Provider> providers = new TreeMap<>();

    OidcProviderStore(OidcEngine keys, Supplier<String> apiAddress, Flavour flavour) {
        this.keys = keys;
        this.apiAddress = apiAddress;
        this.flavour = flavour;
        // storeOIDCDefaultResources (spec §9.1): the built-ins exist from the start.
        Provider def = new Provider();
        def.allowedClientIds = List.of("*");
        providers.put(DEFAULT_PROVIDER, def);
        Assignment all = new Assignment();
        all.entityIds = List.of("*");
        all.groupIds = List.of("*");
        assignments.put(ALLOW_ALL, all);
    }

    Flavour flavour() {
        return flavour;
    }

    OidcEngine keys() {
        return keys;
    }

    // ------------------------------------------------------------------ key side (spec §7.3)

    @Override
    public List<String> clientsUsing(String key) {
        List<String> out = new ArrayList<>();
        clients.forEach((name, c) -> {
            if (c.key.equals(key)) {
                out.add(name);
            }
        });
        return out;
    }

    @Override
    public boolean idTokenTtlAbove(String key, long seconds) {
        return clients.values().stream().anyMatch(c -> c.key.equals(key) && c.idTokenTtl > seconds);
    }

    Optional<Client> clientById(String clientId) {
        return clients.values().stream()
                .filter(c -> c.clientId.equals(clientId))
                .findFirst();
    }

    /** (issuer or api_addr) + "/v1/" + "identity/oidc/provider/" + name (spec §9.5). */
    String effectiveIssuer(String name) {
        Provider p = providers.get(name);
        String base = p == null ? "" : p.issuer;
        if (base.isEmpty()) {
            String api = apiAddress.get();
            base = api == null ? "" : api;
        }
        return base + "/v1/" + PROVIDER_PREFIX + name;
    }

    /**
     * {@code strutil.RemoveDuplicates}: trimmed, empties dropped, optionally lower-cased, de-duplicated
     * and sorted.
     */
    static List<String> normalize(List<String> in, boolean lowercase) {
        TreeSet<String> out = new TreeSet<>();
        for (String s : in) {
            String t = s.trim();
            if (lowercase) {
                t = t.toLowerCase(Locale.ROOT);
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Assignment IDs: Vault lower-cases each whole ID; OpenBao's {@code LowercaseIdentityIDs} only
     * the part before the first {@code .} (seen on OpenBao 2.7.2: {@code A.X.Y} reads back
     * {@code a.X.Y}).
     */
    private List<String> normalizeIds(List<String> in) {
        if (flavour == Flavour.VAULT) {
            return normalize(in, true);
        }
        List<String> lowered = new ArrayList<>();
        for (String s : in) {
            String t = s.trim();
            int dot = t.indexOf('.');
            lowered.add(
                    dot < 0
                            ? t.toLowerCase(Locale.ROOT)
                            : t.substring(0, dot).toLowerCase(Locale.ROOT) + t.substring(dot));
        }
        return normalize(lowered, false);
    }

    // ------------------------------------------------------------------ assignments (spec §9.2)

    EmulatorResponse writeAssignment(String name, Map<String, Object> body) {
        Optional<List<String>> entityIds = Fields.commaStringSlice(body, "entity_ids");
        Optional<List<String>> groupIds = Fields.commaStringSlice(body, "group_ids");
        if (name.equals(ALLOW_ALL)) {
            return EmulatorResponse.error(400, "modification of assignment \"allow_all\" not allowed");
        }
        Assignment a = assignments.getOrDefault(name, new Assignment());
        entityIds.ifPresent(ids -> a.entityIds = normalizeIds(ids));
        groupIds.ifPresent(ids -> a.groupIds = normalizeIds(ids));
        assignments.put(name, a);
        return EmulatorResponse.noContent();
    }

    EmulatorResponse readAssignment(String name) {
        Assignment a = assignments.get(name);
        if (a == null) {
            return EmulatorResponse.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity_ids", a.entityIds);
        data.put("group_ids", a.groupIds);
        return EmulatorResponse.data(data);
    }

    EmulatorResponse listAssignments() {
        return EmulatorResponse.list(new ArrayList<>(assignments.keySet()), null);
    }

    EmulatorResponse deleteAssignment(String name) {
        if (name.equals(ALLOW_ALL)) {
            return EmulatorResponse.error(400, "deletion of assignment \"allow_all\" not allowed");
        }
        List<String> users = new ArrayList<>();
        clients.forEach((clientName, c) -> {
            if (c.assignments.contains(name)) {
                users.add(clientName);
            }
        });
        if (!users.isEmpty()) {
            return EmulatorResponse.error(
                    400,
                    "unable to delete assignment " + GoText.quote(name)
                            + " because it is currently referenced by these clients: " + String.join(", ", users));
        }
        assignments.remove(name);
        return EmulatorResponse.noContent();
    }

    // ------------------------------------------------------------------ scopes (spec §9.3)

    EmulatorResponse writeScope(String name, Map<String, Object> body, Instant now) {
        Optional<String> templateField = Fields.string(body, "template");
        Optional<String> descriptionField = Fields.string(body, "description");
        if (name.equals("openid")) {
            return EmulatorResponse.error(400, "the \"openid\" scope name is reserved");
        }
        Scope existing = scopes.get(name);
        String template =
                templateField.map(OidcEngine::decodeIfBase64).orElse(existing == null ? "" : existing.template);
        Optional<String> templateError = OidcTemplateRenderer.validationError(template, now);
        if (templateError.isPresent()) {
            return EmulatorResponse.error(400, templateError.get());
        }
        Scope s = existing == null ? new Scope() : existing;
        s.template = template;
        descriptionField.ifPresent(d -> s.description = d);
        scopes.put(name, s);
        return EmulatorResponse.noContent();
    }

    EmulatorResponse readScope(String name) {
        Scope s = scopes.get(name);
        if (s == null) {
            return EmulatorResponse.notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("description", s.description);
        data.put("template", s.template);
        return EmulatorResponse.data(data);
    }

    EmulatorResponse listScopes() {
        return EmulatorResponse.list(new ArrayList<>(scopes.keySet()), null);
    }

    EmulatorResponse deleteScope(String name) {
        List<String> users = new ArrayList<>();
        providers.forEach((providerName, p) -> {
            if (p.scopesSupported.contains(name)) {
                users.add(providerName);
            }
        });
        if (!users.isEmpty()) {
            return EmulatorResponse.error(
                    400,
                    "unable to delete scope " + GoText.quote(name)
                            + " because it is currently referenced by these providers: " + String.join(", ", users));
        }
        scopes.remove(name);
        return EmulatorResponse.noContent();
    }

    // ------------------------------------------------------------------ clients (spec §9.4)

    EmulatorResponse writeClient(String name, Map<String, Object> body, Instant now) {
        // The framework converts every supplied field before the handler runs (spec §1.4).
        Optional<List<String>> redirectUris = Fields.commaStringSlice(body, "redirect_uris");
        Optional<List<String>> assignmentNames = Fields.commaStringSlice(body, "assignments");
        Optional<String> keyField = Fields.string(body, "key");
        Optional<Long> idTokenTtl = Fields.durationSeconds(body, "id_token_ttl");
        Optional<Long> accessTokenTtl = Fields.durationSeconds(body, "access_token_ttl");
        Optional<String> clientType = Fields.string(body, "client_type");
        Optional<Boolean> authorizationCode =
                flavour == Flavour.OPENBAO ? Fields.bool(body, "authorization_code") : Optional.empty();
        Optional<Boolean> clientCredentials =
                flavour == Flavour.OPENBAO ? Fields.bool(body, "client_credentials") : Optional.empty();

        Client existing = clients.get(name);
        boolean create = existing == null;
        List<String> uris =
                redirectUris.map(l -> normalize(l, false)).orElse(create ? List.of() : existing.redirectUris);
        List<String> assigned =
                assignmentNames.map(l -> normalize(l, false)).orElse(create ? List.of() : existing.assignments);
        for (String a : assigned) {
            if (!assignments.containsKey(a)) {
                return EmulatorResponse.error(400, "assignment " + GoText.quote(a) + " does not exist");
            }
        }
        String key = create ? keyField.orElse(OidcEngine.DEFAULT_KEY) : existing.key;
        if (!create && keyField.isPresent() && !keyField.get().equals(existing.key)) {
            return EmulatorResponse.error(400, "key modification is not allowed");
        }
        OidcNamedKey namedKey = keys.namedKey(key);
        if (namedKey == null) {
            return EmulatorResponse.error(400, "key " + GoText.quote(key) + " does not exist");
        }
        if (key.equals(OidcEngine.DEFAULT_KEY)) {
            keys.ensureDefaultKeyMaterial(now);
        }
        long idTtl = idTokenTtl.orElse(create ? OidcEngine.DAY : existing.idTokenTtl);
        if (idTtl > namedKey.verificationTtlSeconds) {
            return EmulatorResponse.error(
                    400,
                    "a client's id_token_ttl cannot be greater than the "
                            + "verification_ttl of the key it references");
        }
        long accessTtl = accessTokenTtl.orElse(create ? OidcEngine.DAY : existing.accessTokenTtl);
        String type = create ? "confidential" : existing.clientType;
        if (clientType.isPresent()) {
            if (!create && !clientType.get().equals(existing.clientType)) {
                return EmulatorResponse.error(400, "client_type modification is not allowed");
            }
            if (!clientType.get().equals("confidential") && !clientType.get().equals("public")) {
                return EmulatorResponse.error(400, "invalid client_type " + GoText.quote(clientType.get()));
            }
            type = clientType.get();
        }
        boolean codeFlow = authorizationCode.orElse(create || existing.authorizationCode);
        boolean credentialsFlow = clientCredentials.orElse(!create && existing.clientCredentials);
        if (credentialsFlow && type.equals("public")) {
            // OpenBao 2.7.2 answers this although its source comments suggest public clients could use
            // the grant (see docs/emulator-oidc-provider.md).
            return EmulatorResponse.error(400, "client_credentials=true is only allowed for client_type=confidential");
        }

        Client c = create ? new Client() : existing;
        c.name = name;
        c.redirectUris = uris;
        c.assignments = assigned;
        c.key = key;
        c.idTokenTtl = idTtl;
        c.accessTokenTtl = accessTtl;
        c.clientType = type;
        c.authorizationCode = codeFlow;
        c.clientCredentials = credentialsFlow;
        if (c.clientId.isEmpty()) {
            c.clientId = Ids.base62(32);
        }
        if (!c.isPublic() && c.clientSecret.isEmpty()) {
            c.clientSecret = "hvo_secret_" + Ids.base62(64);
        }
        clients.put(name, c);
        return EmulatorResponse.noContent();
    }

    private Map<String, Object> describe(Client c, boolean withSecret) {
        // Go map: keys sorted on the wire.
        Map<String, Object> data = new TreeMap<>();
        data.put("redirect_uris", c.redirectUris);
        data.put("assignments", c.assignments);
        data.put("key", c.key);
        data.put("id_token_ttl", c.idTokenTtl);
        data.put("access_token_ttl", c.accessTokenTtl);
        data.put("client_id", c.clientId);
        data.put("client_type", c.clientType);
        if (withSecret && !c.isPublic()) {
            data.put("client_secret", c.clientSecret);
        }
        if (flavour == Flavour.OPENBAO) {
            data.put("authorization_code", c.authorizationCode);
            data.put("client_credentials", c.clientCredentials);
        }
        return data;
    }

    EmulatorResponse readClient(String name) {
        Client c = clients.get(name);
        return c == null ? EmulatorResponse.notFound() : EmulatorResponse.data(describe(c, true));
    }

    EmulatorResponse listClients() {
        Map<String, Object> info = new LinkedHashMap<>();
        clients.forEach((name, c) -> info.put(name, describe(c, false)));
        return listWithInfo(new ArrayList<>(clients.keySet()), info);
    }

    EmulatorResponse deleteClient(String name) {
        clients.remove(name); // no reference checks: providers keep the dead ID (spec §9.4)
        return EmulatorResponse.noContent();
    }

    // ------------------------------------------------------------------ providers (spec §9.5)

    EmulatorResponse writeProvider(String name, Map<String, Object> body, Instant now) {
        Optional<String> issuerField = Fields.string(body, "issuer");
        Optional<List<String>> allowed = Fields.commaStringSlice(body, "allowed_client_ids");
        Optional<List<String>> supported = Fields.commaStringSlice(body, "scopes_supported");
        Provider existing = providers.get(name);
        boolean create = existing == null;
        List<String> warnings = new ArrayList<>();
        String issuer = issuerField.orElse(create ? "" : existing.issuer);
        // Vault validates and warns about the resulting issuer, stored or new, on every write.
        if (!issuer.isEmpty()) {
            if (!OidcEngine.validIssuer(issuer)) {
                return EmulatorResponse.error(400, OidcEngine.INVALID_ISSUER);
            }
            warnings.add(OidcEngine.ISSUER_WARNING);
        }
        List<String> allowedIds =
                allowed.map(l -> normalize(l, false)).orElse(create ? List.of() : existing.allowedClientIds);
        List<String> scopeNames =
                supported.map(l -> normalize(l, false)).orElse(create ? List.of() : existing.scopesSupported);
        for (String s : scopeNames) {
            if (!scopes.containsKey(s)) {
                return EmulatorResponse.error(400, "scope " + GoText.quote(s) + " does not exist");
            }
        }
        // Conflicting top-level keys only warn, one warning per clash, naming the scope and the last
        // one that had the key (seen on OpenBao 2.7.2: m1,m2,m3 all with "b" warn m2/m1, then m3/m2).
        Map<String, String> claimOwner = new LinkedHashMap<>();
        for (String s : scopeNames) {
            for (String claim : topLevelKeys(scopes.get(s).template, now)) {
                String previous = claimOwner.put(claim, s);
                if (previous != null) {
                    warnings.add(
                            "Found scope templates with conflicting top-level keys: conflict "
                                    + GoText.quote(claim) + " in scopes " + GoText.quote(s) + ", "
                                    + GoText.quote(previous)
                                    + ". This may result in an error if the scopes are requested in an OIDC Authentication Request.");
                }
            }
        }
        Provider p = create ? new Provider() : existing;
        p.issuer = issuer;
        p.allowedClientIds = allowedIds;
        p.scopesSupported = scopeNames;
        providers.put(name, p);
        return warnings.isEmpty() ? EmulatorResponse.noContent() : EmulatorResponse.data(null, warnings);
    }

    /** A stored template's top-level keys, rendered as at validation time; none if it fails. */
    static List<String> topLevelKeys(String template, Instant now) {
        if (template.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(
                new TreeSet<>(OidcTemplateRenderer.claims(template, OidcTemplateRenderer.emptyEntity(), List.of(), now)
                        .keySet()));
    }

    private Map<String, Object> describe(String name, Provider p) {
        Map<String, Object> data = new TreeMap<>();
        data.put("issuer", effectiveIssuer(name));
        data.put("allowed_client_ids", p.allowedClientIds);
        data.put("scopes_supported", p.scopesSupported);
        return data;
    }

    EmulatorResponse readProvider(String name) {
        Provider p = providers.get(name);
        return p == null ? EmulatorResponse.notFound() : EmulatorResponse.data(describe(name, p));
    }

    /**
     * Vault builds this list from a Go map, so its order is random; the emulator answers in name
     * order. {@code allowed_client_id} keeps providers that list the ID or {@code "*"}.
     */
    EmulatorResponse listProviders(Map<String, Object> query) {
        String filter = Fields.string(query, "allowed_client_id").orElse("");
        List<String> names = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        providers.forEach((name, p) -> {
            if (filter.isEmpty() || p.allows(filter)) {
                names.add(name);
                info.put(name, describe(name, p));
            }
        });
        return listWithInfo(names, info);
    }

    /**
     * {@code ListResponseWithInfo}: Go marshals the data map sorted, so {@code key_info} precedes
     * {@code keys} (seen on OpenBao 2.7.2); 404 when empty.
     */
    private static EmulatorResponse listWithInfo(List<String> names, Map<String, Object> info) {
        if (names.isEmpty()) {
            return EmulatorResponse.notFound();
        }
        Map<String, Object> data = new TreeMap<>();
        data.put("keys", List.copyOf(names));
        data.put("key_info", info);
        return EmulatorResponse.data(data);
    }

    EmulatorResponse deleteProvider(String name) {
        if (name.equals(DEFAULT_PROVIDER)) {
            return EmulatorResponse.error(400, "deletion of OIDC provider \"default\" not allowed");
        }
        providers.remove(name);
        return EmulatorResponse.noContent();
    }
}
