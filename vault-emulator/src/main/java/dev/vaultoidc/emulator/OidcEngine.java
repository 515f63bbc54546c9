package dev.vaultoidc.emulator;

import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The state and operations of the OIDC identity-token part of Vault's identity engine (spec §7):
 * config, named keys, roles, token generation, introspection, discovery and JWKS. {@link OidcPaths}
 * puts them on the emulator's one {@link Router} under {@code identity/oidc/}.
 *
 * <p>Time comes only from the injected clock. Vault rotates keys from a periodic function that
 * runs about once a minute; here every {@link #locked} call (and {@link #tick()}) first performs
 * every rotation and expiry that such a function would have performed by the clock's current time,
 * so a test that moves the clock forward by hours sees the key ring Vault would show. One lock
 * guards all state.
 */
final class OidcEngine {

    static final String DEFAULT_KEY = "default";
    static final long DAY = 86_400L;

    static final List<String> RESERVED_CLAIMS =
            List.of("iat", "aud", "exp", "iss", "sub", "namespace", "nonce", "auth_time", "at_hash", "c_hash");

    static final String ISSUER_WARNING = "If \"issuer\" is set explicitly, all tokens must be validated "
            + "against that address, including those issued by secondary clusters. Setting issuer to \"\" "
            + "will restore the default behavior of using the cluster's api_addr as the issuer.";
    static final String EMPTY_ISSUER_WARNING = "Both \"issuer\" and Vault's \"api_addr\" are empty. "
            + "The issuer claim in generated tokens will not be network reachable.";
    static final String INVALID_ISSUER = "invalid issuer, which must include only a scheme, host, "
            + "and optional port (e.g. https://example.com:8200)";
    private static final Pattern ISSUER =
            Pattern.compile("(?i)https?://([^/?#@\\s\\[\\]:]+|\\[[0-9a-fA-F:.]+\\])(:[0-9]*)?");

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final Clock clock;
    private final IdentityView identity;
    private final Supplier<String> apiAddress;
    private final Function<String, OidcSigningKey> keyGenerator;
    private final Flavour flavour;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();

    // Guarded by lock. TreeMaps: Vault's storage List is lexicographic (spec §1.8).
    private String issuer = "";
    private ClientKeyUse clientKeyUse = ClientKeyUse.NONE;
    private final TreeMap<String, OidcNamedKey> keys = new TreeMap<>();
    private final TreeMap<String, OidcRole> roles = new TreeMap<>();

    OidcEngine(Clock clock, IdentityView identity, Supplier<String> apiAddress) {
        this(clock, identity, apiAddress, Flavour.VAULT);
    }

    OidcEngine(Clock clock, IdentityView identity, Supplier<String> apiAddress, Flavour flavour) {
        this(clock, identity, apiAddress, OidcSigningKey::generate, flavour);
    }

    OidcEngine(
            Clock clock,
            IdentityView identity,
            Supplier<String> apiAddress,
            Function<String, OidcSigningKey> keyGenerator,
            Flavour flavour) {
        this.flavour = flavour;
        this.clock = clock;
        this.identity = identity;
        this.apiAddress = apiAddress;
        this.keyGenerator = keyGenerator;
        // spec §7.1: only the default key's configuration exists; its material comes lazily.
        OidcNamedKey def = new OidcNamedKey(DEFAULT_KEY, keyGenerator);
        def.algorithm = "RS256";
        def.rotationPeriodSeconds = DAY;
        def.verificationTtlSeconds = DAY;
        def.allowedClientIds = List.of("*");
        def.nextRotation = clock.instant().plusSeconds(DAY);
        keys.put(DEFAULT_KEY, def);
    }

    /**
     * How the OIDC provider's clients use named keys (spec §7.3, §9.4): a key a client references
     * cannot be deleted, nor its verification_ttl lowered below the client's id_token_ttl.
     */
    interface ClientKeyUse {
        ClientKeyUse NONE = new ClientKeyUse() {
            @Override
            public List<String> clientsUsing(String key) {
                return List.of();
            }

            @Override
            public boolean idTokenTtlAbove(String key, long seconds) {
                return false;
            }
        };

        /** Names of the clients that sign with {@code key}, sorted. */
        List<String> clientsUsing(String key);

        /** Whether a client on {@code key} has an id_token_ttl greater than {@code seconds}. */
        boolean idTokenTtlAbove(String key, long seconds);
    }

    /** Wires the provider's clients into the key checks; called once by the core. */
    void clientKeyUse(ClientKeyUse use) {
        synchronized (lock) {
            this.clientKeyUse = use;
        }
    }

    /** Whether {@code candidate} is a valid issuer: scheme, host and optional port only (spec §7.2). */
    static boolean validIssuer(String candidate) {
        return ISSUER.matcher(candidate).matches();
    }

    /** The default key gets its material when a client first references it (spec §9.4 step 4). */
    void ensureDefaultKeyMaterial(Instant now) {
        synchronized (lock) {
            lazyGenerateDefaultKey(now);
        }
    }

    /** Runs what Vault's periodic function would have run by now: rotations, then expiries. */
    void tick() {
        synchronized (lock) {
            maintain(clock.instant());
        }
    }

    /**
     * Runs one operation under the engine's lock, after the rotations and expiries due by the
     * clock's current time; {@code operation} receives that time. {@link OidcPaths} routes every
     * request through here.
     */
    EmulatorResponse locked(Function<Instant, EmulatorResponse> operation) {
        synchronized (lock) {
            Instant now = clock.instant();
            maintain(now);
            return operation.apply(now);
        }
    }

    private void maintain(Instant now) {
        for (OidcNamedKey key : keys.values()) {
            key.rotateOverdue(now);
            key.expire(now);
        }
    }

    // ------------------------------------------------------------------ config (spec §7.2)

    EmulatorResponse readConfig() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", issuer);
        String api = apiAddress.get();
        if (issuer.isEmpty() && (api == null || api.isEmpty())) {
            return EmulatorResponse.data(data, List.of(EMPTY_ISSUER_WARNING));
        }
        return EmulatorResponse.data(data);
    }

    EmulatorResponse updateConfig(Map<String, Object> body) {
        Optional<String> value = Fields.string(body, "issuer");
        if (value.isEmpty()) {
            return EmulatorResponse.noContent();
        }
        String candidate = value.get();
        if (candidate.isEmpty()) {
            issuer = "";
            return EmulatorResponse.noContent();
        }
        if (!ISSUER.matcher(candidate).matches()) {
            return EmulatorResponse.error(400, INVALID_ISSUER);
        }
        issuer = candidate;
        return EmulatorResponse.data(null, List.of(ISSUER_WARNING));
    }

    /** (issuer or api_addr) + "/v1/" + namespace path ("" for root) + "identity/oidc". */
    String effectiveIssuer() {
        synchronized (lock) {
            String base = issuer;
            if (base.isEmpty()) {
                String api = apiAddress.get();
                base = api == null ? "" : api;
            }
            return base + "/v1/identity/oidc";
        }
    }

    // ------------------------------------------------------------------ named keys (spec §7.3, §7.4)

    EmulatorResponse listKeys() {
        return EmulatorResponse.list(new ArrayList<>(keys.keySet()), null);
    }

    EmulatorResponse readKey(String name) {
        OidcNamedKey key = keys.get(name);
        return key == null ? EmulatorResponse.notFound() : EmulatorResponse.data(key.describe());
    }

    EmulatorResponse writeKey(String name, Map<String, Object> body, Instant now) {
        // Every supplied field is type-checked before the handler runs (spec §1.4).
        Optional<Long> rotationField = Fields.durationSeconds(body, "rotation_period");
        Optional<Long> verificationField = Fields.durationSeconds(body, "verification_ttl");
        Optional<String> algorithmField = Fields.string(body, "algorithm");
        Optional<List<String>> clientIdsField = Fields.commaStringSlice(body, "allowed_client_ids");

        OidcNamedKey existing = keys.get(name);
        boolean create = existing == null;

        long rotation = rotationField.orElse(create ? DAY : existing.rotationPeriodSeconds);
        if (rotation < 60) {
            return EmulatorResponse.error(400, "rotation_period must be at least one minute");
        }
        long verification = verificationField.orElse(create ? DAY : existing.verificationTtlSeconds);
        if (verification > 10 * rotation) {
            return EmulatorResponse.error(400, "verification_ttl cannot be longer than 10x rotation_period");
        }
        if (!create) {
            for (OidcRole role : roles.values()) {
                if (role.key().equals(name) && role.ttlSeconds() > verification) {
                    return EmulatorResponse.error(
                            400,
                            "unable to update key " + GoText.quote(name)
                                    + " because it is currently referenced by one or more roles with a token ttl greater than "
                                    + verification + " seconds");
                }
            }
        }
        if (!create && clientKeyUse.idTokenTtlAbove(name, verification)) {
            return EmulatorResponse.error(
                    400,
                    "unable to update key " + GoText.quote(name)
                            + " because it is currently referenced by one or more clients with an id_token_ttl greater than "
                            + verification + " seconds");
        }
        List<String> clientIds = clientIdsField.orElse(create ? List.of() : existing.allowedClientIds);
        String previousAlgorithm = create ? "" : existing.algorithm;
        String algorithm = algorithmField.orElse(create ? "RS256" : existing.algorithm);
        if (!OidcSigningKey.ALGORITHMS.contains(algorithm)) {
            return EmulatorResponse.error(400, "unknown signing algorithm " + GoText.quote(algorithm));
        }

        OidcNamedKey key = create ? new OidcNamedKey(name, keyGenerator) : existing;
        key.rotationPeriodSeconds = rotation;
        key.verificationTtlSeconds = verification;
        key.allowedClientIds = List.copyOf(clientIds);
        key.algorithm = algorithm;
        Instant nextRotation = now.plusSeconds(rotation);
        if (key.nextRotation == null || nextRotation.isBefore(key.nextRotation)) {
            key.nextRotation = nextRotation;
        }
        // On create or an algorithm change: new current and next keys; older ring entries stay
        // published (no expiry) while the key is referenced.
        if (!algorithm.equals(previousAlgorithm)) {
            key.generateAndSetKey();
            key.generateAndSetNextKey();
        }
        keys.put(name, key);
        return EmulatorResponse.noContent();
    }

    EmulatorResponse deleteKey(String name) {
        if (name.equals(DEFAULT_KEY)) {
            return EmulatorResponse.error(400, "deletion of key \"default\" not allowed");
        }
        List<String> referencing = new ArrayList<>();
        for (OidcRole role : roles.values()) { // sorted: roles is a TreeMap
            if (role.key().equals(name)) {
                referencing.add(role.name());
            }
        }
        if (!referencing.isEmpty()) {
            return EmulatorResponse.error(
                    400,
                    "unable to delete key " + GoText.quote(name)
                            + " because it is currently referenced by these roles: " + String.join(", ", referencing));
        }
        List<String> clients = clientKeyUse.clientsUsing(name);
        if (!clients.isEmpty()) {
            return EmulatorResponse.error(
                    400,
                    "unable to delete key " + GoText.quote(name)
                            + " because it is currently referenced by these clients: " + String.join(", ", clients));
        }
        keys.remove(name); // its public keys go with it
        return EmulatorResponse.noContent();
    }

    EmulatorResponse rotateKey(String name, Map<String, Object> body, Instant now) {
        Optional<Long> override = Fields.durationSeconds(body, "verification_ttl");
        OidcNamedKey key = keys.get(name);
        if (key == null) {
            return EmulatorResponse.error(400, "no named key found at " + GoText.quote(name));
        }
        key.rotate(now, override);
        return EmulatorResponse.noContent();
    }

    /** lazyGenerateDefaultKey: the default key gets its material when a role first references it. */
    private void lazyGenerateDefaultKey(Instant now) {
        OidcNamedKey def = keys.get(DEFAULT_KEY);
        if (def != null && !def.hasMaterial()) {
            def.generateAndSetKey();
            def.generateAndSetNextKey();
            def.nextRotation = now.plusSeconds(def.rotationPeriodSeconds);
        }
    }

    // ------------------------------------------------------------------ roles (spec §7.5)

    EmulatorResponse listRoles() {
        return EmulatorResponse.list(new ArrayList<>(roles.keySet()), null);
    }

    EmulatorResponse deleteRole(String name) {
        roles.remove(name);
        return EmulatorResponse.noContent();
    }

    EmulatorResponse readRole(String name) {
        OidcRole role = roles.get(name);
        return role == null ? EmulatorResponse.notFound() : EmulatorResponse.data(role.describe());
    }

    EmulatorResponse writeRole(String name, Map<String, Object> body, Instant now) {
        Optional<String> keyField = Fields.string(body, "key");
        Optional<String> templateField = Fields.string(body, "template");
        Optional<String> clientIdField = Fields.string(body, "client_id");
        Optional<Long> ttlField = Fields.durationSeconds(body, "ttl");

        OidcRole existing = roles.get(name);
        boolean create = existing == null;

        String keyName = keyField.orElse(create ? "" : existing.key());
        if (keyName.isEmpty()) {
            return EmulatorResponse.error(400, "the key parameter is required");
        }
        if (keyName.equals(DEFAULT_KEY)) {
            lazyGenerateDefaultKey(now);
        }
        String template = decodeIfBase64(templateField.orElse(create ? "" : existing.template()));
        Optional<String> templateError = OidcTemplateRenderer.validationError(template, now);
        if (templateError.isPresent()) {
            return EmulatorResponse.error(400, templateError.get());
        }
        long ttl = ttlField.orElse(create ? DAY : existing.ttlSeconds());
        OidcNamedKey key = keys.get(keyName);
        if (key == null) {
            return EmulatorResponse.error(400, "cannot find key " + GoText.quote(keyName));
        }
        if (ttl > key.verificationTtlSeconds) {
            return EmulatorResponse.error(
                    400, "a role's token ttl cannot be longer than the verification_ttl of the key it references");
        }
        // Not checked here: the key's allowed_client_ids (only at token time).
        String clientId = clientIdField.orElse(create ? "" : existing.clientId());
        if (clientId.isEmpty()) {
            clientId = randomBase62(26);
        }
        roles.put(name, new OidcRole(name, keyName, template, ttl, clientId));
        return EmulatorResponse.noContent();
    }

    /** Go's base64.StdEncoding.DecodeString succeeds → the decoded text is the template. */
    static String decodeIfBase64(String template) {
        String s = template.replace("\r", "").replace("\n", "");
        if (s.length() % 4 != 0 || !s.matches("[A-Za-z0-9+/]*={0,2}")) {
            return template;
        }
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return template;
        }
    }

    private String randomBase62(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ tokens (spec §7.6)

    EmulatorResponse generateToken(String roleName, EmulatorRequest req, Instant now) {
        OidcRole role = roles.get(roleName);
        if (role == null) {
            return EmulatorResponse.error(400, "role " + GoText.quote(roleName) + " not found");
        }
        OidcNamedKey key = keys.get(role.key());
        if (key == null) {
            return EmulatorResponse.error(400, "key " + GoText.quote(role.key()) + " not found");
        }
        if (!key.allows(role.clientId())) {
            return EmulatorResponse.error(
                    400,
                    "the key " + GoText.quote(role.key()) + " does not list the client ID of the role "
                            + GoText.quote(roleName) + " as an allowed client ID");
        }
        Optional<String> entityId = req.entityId().filter(id -> !id.isEmpty());
        if (entityId.isEmpty()) {
            return EmulatorResponse.error(400, "no entity associated with the request's token");
        }
        List<String> warnings = new ArrayList<>();
        long expiry = role.ttlSeconds();
        if (expiry > key.verificationTtlSeconds) {
            expiry = key.verificationTtlSeconds;
            // Vault formats a time.Duration with %d: nanoseconds (spec §7.6 quirk).
            warnings.add("a role's token ttl cannot be longer than the verification_ttl of the key it "
                    + "references, setting token ttl to " + expiry * 1_000_000_000L);
        }
        Optional<EntitySnapshot> entity = identity.entity(entityId.get());
        if (entity.isEmpty()) {
            // A plain error, so 500 and multierror-wrapped. Over HTTP the core already refused the token
            // (403, as Vault's CheckToken does); this is for an entity gone between check and handler.
            throw new Router.PlainError("error loading entity ID " + GoText.quote(entityId.get()));
        }
        // Go marshals map[string]interface{} with sorted keys.
        TreeMap<String, Object> claims = new TreeMap<>();
        claims.put("iss", effectiveIssuer());
        claims.put("namespace", identity.namespaceId());
        claims.put("sub", entityId.get());
        claims.put("aud", role.clientId());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + expiry);
        claims.putAll(OidcTemplateRenderer.claims(
                role.template(), entity.get(), entity.get().groups(), now));
        if (!key.hasMaterial()) {
            return EmulatorResponse.error(
                    500, "error signing OIDC token: signing key is nil; rotate the key and try again");
        }
        String token = key.signingKey.sign(OidcJson.write(OidcJson.sortedDeep(claims)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("client_id", role.clientId());
        data.put("token", token);
        data.put("ttl", role.ttlSeconds());
        return EmulatorResponse.data(data, warnings.isEmpty() ? null : warnings);
    }

    // ------------------------------------------------------------------ introspection (spec §7.7)

    EmulatorResponse introspect(Map<String, Object> body, Instant now) {
        String token = Fields.string(body, "token").orElse("");
        String clientId = Fields.string(body, "client_id").orElse("");
        String error = OidcIntrospection.check(
                token, clientId, publishedKeys(), effectiveIssuer(), now, identity, flavour == Flavour.OPENBAO);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("active", error == null);
        if (error != null) {
            doc.put("error", error);
        }
        return EmulatorResponse.raw(doc, Map.of());
    }

    // ------------------------------------------------------------------ discovery and JWKS (§7.8, §7.9)

    EmulatorResponse discovery() {
        String iss = effectiveIssuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", iss);
        doc.put("jwks_uri", iss + "/.well-known/keys");
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", OidcSigningKey.ALGORITHMS);
        return EmulatorResponse.raw(doc, Map.of("Cache-Control", "max-age=3600"));
    }

    /**
     * Keys of every named key referenced by a role: current, pre-published next, and rotated-out
     * keys not yet expired. Named keys no role references are not published.
     */
    private List<OidcSigningKey> publishedKeys() {
        Set<String> referenced = new TreeSet<>();
        roles.values().forEach(r -> referenced.add(r.key()));
        return keyRings(referenced);
    }

    /**
     * The public keys of the named keys in {@code names} that exist, in that order, each with its whole ring
     * (current, next, rotated-out but not expired): what both the identity and a provider's keys document publish.
     */
    List<OidcSigningKey> keyRings(Collection<String> names) {
        synchronized (lock) {
            List<OidcSigningKey> out = new ArrayList<>();
            for (String name : names) {
                OidcNamedKey key = keys.get(name);
                if (key != null) {
                    key.keyRing.forEach(e -> out.add(e.key));
                }
            }
            return out;
        }
    }

    EmulatorResponse jwks() {
        List<Map<String, Object>> jwks = new ArrayList<>();
        publishedKeys().forEach(k -> jwks.add(k.publicJwk()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keys", jwks);
        return EmulatorResponse.raw(doc, jwksCacheControl());
    }

    /**
     * Deterministic stand-in for Vault's randomised header (spec §7.9): present only when some
     * public key exists, {@code max-age} = the minimum over all named keys of
     * min(verification_ttl, rotation_period), i.e. the upper bound Vault draws from.
     */
    private Map<String, String> jwksCacheControl() {
        boolean anyPublicKey = keys.values().stream().anyMatch(k -> !k.keyRing.isEmpty());
        if (!anyPublicKey) {
            return Map.of();
        }
        long maxAge = Long.MAX_VALUE;
        for (OidcNamedKey k : keys.values()) {
            maxAge = Math.min(maxAge, Math.min(k.verificationTtlSeconds, k.rotationPeriodSeconds));
        }
        return Map.of("Cache-Control", "max-age=" + maxAge);
    }

    /** The named key {@code name}, or null: the provider checks clients against it, tests read its ring. */
    OidcNamedKey namedKey(String name) {
        synchronized (lock) {
            return keys.get(name);
        }
    }
}
