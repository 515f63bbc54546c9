package dev.vaultoidc.emulator;

import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import dev.vaultoidc.emulator.IdentityView.GroupSnapshot;
import dev.vaultoidc.emulator.OidcProviderStore.Client;
import dev.vaultoidc.emulator.OidcProviderStore.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The OIDC provider's protocol endpoints (spec §9.6–§9.12): discovery, keys, {@code authorize},
 * {@code token} and {@code userinfo}, with the authorization codes (in memory, five minutes, single
 * use) and the access tokens they turn into. Check order, error codes, texts and statuses follow
 * Vault's {@code pathOIDCAuthorize}, {@code pathOIDCToken} and {@code pathOIDCUserInfo}; the
 * OPENBAO flavour adds OpenBao's {@code client_credentials} grant. Callers hold the core lock.
 */
final class OidcProviderFlow {

    /** {@code oidcAuthCodeCache}: five minutes (spec §9.8). */
    static final long CODE_LIFETIME_SECONDS = 300;

    static final Pattern USERINFO = Pattern.compile("^identity/oidc/provider/\\w(([\\w-.]+)?\\w)?/userinfo$");

    private record AuthCode(
            String providerName,
            String clientId,
            String entityId,
            String redirectUri,
            String nonce,
            List<String> scopes,
            Long authTime,
            String challenge,
            String challengeMethod,
            Instant expires) {}

    /** The access token: a Vault batch token whose only power is the provider's userinfo path. */
    private record AccessToken(
            String providerName, String clientId, String entityId, List<String> scopes, Instant expires) {}

    private final OidcProviderStore store;
    private final IdentityView identity;
    private final Function<String, Optional<Instant>> tokenCreationTime;
    private final Map<String, AuthCode> codes = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();

    /**
     * @param tokenCreationTime the creation time of a Vault token by accessor, for {@code max_age}
     */
    OidcProviderFlow(
            OidcProviderStore store, IdentityView identity, Function<String, Optional<Instant>> tokenCreationTime) {
        this.store = store;
        this.identity = identity;
        this.tokenCreationTime = tokenCreationTime;
    }

    /** Whether {@code token} is an unexpired provider access token (usable at userinfo only). */
    boolean isAccessToken(String token, Instant now) {
        AccessToken t = token == null ? null : accessTokens.get(token);
        return t != null && !now.isAfter(t.expires());
    }

    // ------------------------------------------------------------------ discovery and keys

    EmulatorResponse discovery(String name) {
        if (!store.providers.containsKey(name)) {
            return EmulatorResponse.notFound();
        }
        String iss = store.effectiveIssuer(name);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", iss);
        doc.put("jwks_uri", iss + "/.well-known/keys");
        doc.put("authorization_endpoint", iss.replaceFirst("/v1/", "/ui/vault/") + "/authorize");
        doc.put("token_endpoint", iss + "/token");
        doc.put("userinfo_endpoint", iss + "/userinfo");
        doc.put("request_parameter_supported", false);
        doc.put("request_uri_parameter_supported", false);
        doc.put(
                "id_token_signing_alg_values_supported",
                List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA"));
        doc.put("response_types_supported", List.of("code"));
        List<String> scopes = new ArrayList<>(store.providers.get(name).scopesSupported);
        scopes.add("openid");
        doc.put("scopes_supported", scopes);
        doc.put("claims_supported", List.of());
        doc.put("subject_types_supported", List.of("public"));
        // OpenBao 2.7.2 still advertises only authorization_code, and has no PKCE field.
        doc.put("grant_types_supported", List.of("authorization_code"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic", "client_secret_post"));
        if (store.flavour() == Flavour.VAULT) {
            doc.put("code_challenge_methods_supported", List.of("plain", "S256"));
        }
        return EmulatorResponse.raw(doc, Map.of("Cache-Control", "max-age=3600"));
    }

    /**
     * The key rings of the keys of the provider's clients: every client's key when the provider
     * allows {@code "*"}, else those of the listed client IDs that resolve (spec §9.7). Vault sets
     * no Cache-Control here, so the listener's {@code no-store} applies.
     */
    EmulatorResponse jwks(String name) {
        Provider p = store.providers.get(name);
        if (p == null) {
            return EmulatorResponse.notFound();
        }
        Set<String> keyNames = new TreeSet<>();
        for (Client c : store.clients.values()) {
            if (p.allowedClientIds.contains("*") || p.allowedClientIds.contains(c.clientId)) {
                keyNames.add(c.key);
            }
        }
        List<Map<String, Object>> jwks = new ArrayList<>();
        store.keys().keyRings(keyNames).forEach(k -> jwks.add(k.publicJwk()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keys", jwks);
        return EmulatorResponse.raw(doc, Map.of("Cache-Control", "no-store"));
    }

    // ------------------------------------------------------------------ authorize (spec §9.8)

    EmulatorResponse authorize(String name, EmulatorRequest req, Instant now) {
        Map<String, Object> d = req.body();
        // max_age is TypeInt: a bad value fails in the framework, before the handler (seen on OpenBao).
        Long maxAge = null;
        if (d.containsKey("max_age")) {
            maxAge = parseInt(d.get("max_age"));
            if (maxAge == null) {
                return EmulatorResponse.error(
                        400,
                        "Field validation failed: error converting input for field "
                                + "\"max_age\": '' cannot parse value as 'int': strconv.ParseInt: invalid syntax");
            }
        }
        String state = str(d, "state");
        String clientId = str(d, "client_id");
        if (clientId.isEmpty()) {
            return authError("invalid_client_id", "client_id parameter is required", state);
        }
        Optional<Client> client = store.clientById(clientId);
        if (client.isEmpty()) {
            return authError("invalid_client_id", "client with client_id not found", state);
        }
        Client c = client.get();
        if (store.flavour() == Flavour.OPENBAO && !c.authorizationCode) {
            return authError(
                    "invalid_grant", "client not allowed to perform authorization code credential flow", state);
        }
        String redirectUri = str(d, "redirect_uri");
        if (redirectUri.isEmpty()) {
            return authError("invalid_request", "redirect_uri parameter is required", state);
        }
        if (!validRedirect(redirectUri, c.redirectUris)) {
            return authError("invalid_redirect_uri", "redirect_uri is not allowed for the client", state);
        }
        Provider p = store.providers.get(name);
        if (p == null) {
            return authError("invalid_request", "provider not found", state);
        }
        if (!p.allows(clientId)) {
            return authError("unauthorized_client", "client is not authorized to use the provider", state);
        }
        if (d.containsKey("request")) {
            return authError("request_not_supported", "request parameter is not supported", "");
        }
        if (d.containsKey("request_uri")) {
            return authError("request_uri_not_supported", "request_uri parameter is not supported", "");
        }
        List<String> requested =
                OidcProviderStore.normalize(Arrays.asList(str(d, "scope").split(" ")), false);
        if (!requested.contains("openid")) {
            return authError("invalid_request", "scope parameter must contain the \"openid\" value", state);
        }
        List<String> scopes = keptScopes(requested, p);
        String responseType = str(d, "response_type");
        if (responseType.isEmpty()) {
            return authError("invalid_request", "response_type parameter is required", state);
        }
        if (!responseType.equals("code")) {
            return authError("unsupported_response_type", "unsupported response_type value", state);
        }
        Optional<String> entityId = req.entityId().filter(id -> !id.isEmpty());
        if (entityId.isEmpty()) {
            return authError("access_denied", "identity entity must be associated with the request", state);
        }
        Optional<EntitySnapshot> entity = identity.entity(entityId.get());
        if (entity.isEmpty()) {
            return authError("access_denied", "identity entity associated with the request not found", state);
        }
        String assignmentError = assignmentError(c, entity.get());
        if (assignmentError != null) {
            return assignmentError.equals(NOT_ASSIGNED)
                    ? authError("access_denied", NOT_ASSIGNED, state)
                    : authError("server_error", assignmentError, state);
        }
        String challenge = null;
        String method = null;
        if (d.containsKey("code_challenge")) {
            challenge = str(d, "code_challenge");
            method = d.containsKey("code_challenge_method") ? str(d, "code_challenge_method") : "plain";
            if (method.isEmpty()) {
                method = "plain";
            }
            if (!method.equals("plain") && !method.equals("S256")) {
                return authError("invalid_request", "invalid code_challenge_method", state);
            }
            if (challenge.length() < 43 || challenge.length() > 128) {
                return authError("invalid_request", "invalid code_challenge", state);
            }
        } else if (c.isPublic()) {
            return authError("invalid_request", "PKCE is required for public clients", state);
        }
        Long authTime = null;
        if (maxAge != null) {
            if (maxAge < 1) {
                return authError("invalid_request", "max_age must be greater than zero", state);
            }
            // Vault keeps the token's creation time in whole seconds and counts whole seconds since.
            Instant created = Instant.ofEpochSecond(req.token()
                    .flatMap(t -> tokenCreationTime.apply(t.accessor()))
                    .orElse(now)
                    .getEpochSecond());
            if (java.time.Duration.between(created, now).getSeconds() > maxAge) {
                return authError("max_age_violation", "active re-authentication is required by max_age", state);
            }
            authTime = created.getEpochSecond();
        }
        expireCodes(now);
        String code = Ids.base62(32);
        codes.put(
                code,
                new AuthCode(
                        name,
                        clientId,
                        entityId.get(),
                        redirectUri,
                        str(d, "nonce"),
                        scopes,
                        authTime,
                        challenge,
                        method,
                        now.plusSeconds(CODE_LIFETIME_SECONDS)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("code", code);
        doc.put("state", state);
        return EmulatorResponse.raw(doc, Map.of("Cache-Control", "no-store"));
    }

    private static Long parseInt(Object v) {
        if (v == null) {
            return 0L;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return 0L;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code validRedirect}: exact match, except that for a loopback host ({@code localhost},
     * {@code 127.0.0.1}, {@code ::1}) the port is ignored on both sides (RFC 8252 §7.3).
     */
    static boolean validRedirect(String uri, List<String> allowed) {
        String input = withoutLoopbackPort(uri);
        if (input == null) {
            return false;
        }
        for (String a : allowed) {
            String candidate = withoutLoopbackPort(a);
            if (candidate != null && candidate.equals(input)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutLoopbackPort(String uri) {
        try {
            URI u = new URI(uri);
            String host = u.getHost();
            if (host != null
                    && Set.of("localhost", "127.0.0.1", "[::1]", "::1").contains(host.toLowerCase(Locale.ROOT))
                    && u.getPort() != -1) {
                return new URI(
                                u.getScheme(),
                                u.getUserInfo(),
                                u.getHost(),
                                -1,
                                u.getPath(),
                                u.getQuery(),
                                u.getFragment())
                        .toString();
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static List<String> keptScopes(List<String> requested, Provider p) {
        List<String> kept = new ArrayList<>();
        for (String s : requested) {
            if (!s.equals("openid") && p.scopesSupported.contains(s)) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static final String NOT_ASSIGNED = "identity entity not authorized by client assignment";

    /**
     * {@code entityHasAssignment} (spec §9.2): null when the entity may log in through the client,
     * {@link #NOT_ASSIGNED} when it may not, another text for a server error.
     */
    private String assignmentError(Client c, EntitySnapshot entity) {
        if (entity.disabled()) {
            return NOT_ASSIGNED;
        }
        if (c.assignments.contains(OidcProviderStore.ALLOW_ALL)) {
            return null;
        }
        Set<String> groupIds = new TreeSet<>();
        entity.groups().forEach(g -> groupIds.add(g.id()));
        for (String name : c.assignments) {
            OidcProviderStore.Assignment a = store.assignments.get(name);
            if (a == null) {
                return "client assignment " + GoText.quote(name) + " not found";
            }
            if (a.entityIds.contains(entity.id()) || a.groupIds.stream().anyMatch(groupIds::contains)) {
                return null;
            }
        }
        return NOT_ASSIGNED;
    }

    /**
     * Drops codes and access tokens past their end. Both stay valid at the very instant they end, as
     * go-cache's {@code Get} and Vault's batch-token lookup only refuse strictly later times.
     */
    private void expireCodes(Instant now) {
        codes.values().removeIf(code -> now.isAfter(code.expires()));
        accessTokens.values().removeIf(t -> now.isAfter(t.expires()));
    }

    private static EmulatorResponse authError(String error, String description, String state) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", error);
        doc.put("error_description", description);
        doc.put("state", state);
        return new EmulatorResponse(
                EmulatorResponse.Kind.RAW,
                error.equals("server_error") ? 500 : 400,
                doc,
                null,
                null,
                null,
                Map.of("Cache-Control", "no-store"));
    }

    // ------------------------------------------------------------------ token (spec §9.9, §9.12)

    EmulatorResponse token(String name, EmulatorRequest req, Instant now) {
        Map<String, Object> d = req.body();
        Provider p = store.providers.get(name);
        if (p == null) {
            return tokenError("invalid_request", "provider not found");
        }
        String clientId;
        String secret;
        String[] basic = basicAuth(req.headers().get("authorization"));
        if (basic != null) {
            clientId = basic[0];
            secret = basic[1];
            if (clientId.isEmpty()) {
                return tokenError("server_error", "missing client ID");
            }
        } else {
            clientId = str(d, "client_id");
            if (clientId.isEmpty()) {
                return tokenError("invalid_request", "client_id parameter is required");
            }
            secret = str(d, "client_secret");
        }
        Optional<Client> client = store.clientById(clientId);
        if (client.isEmpty()
                || (!client.get().isPublic()
                        && !MessageDigest.isEqual(
                                client.get().clientSecret.getBytes(StandardCharsets.UTF_8),
                                secret.getBytes(StandardCharsets.UTF_8)))) {
            return tokenError("invalid_client", "client failed to authenticate");
        }
        Client c = client.get();
        if (!p.allows(clientId)) {
            return tokenError("invalid_client", "client is not authorized to use the provider");
        }
        OidcNamedKey key = store.keys().namedKey(c.key);
        if (key == null) {
            return tokenError("server_error", "client key " + GoText.quote(c.key) + " not found");
        }
        if (!key.allows(clientId)) {
            return tokenError("invalid_client", "client is not authorized to use the key");
        }
        String grantType = str(d, "grant_type");
        if (store.flavour() == Flavour.OPENBAO) {
            if (!grantType.equals("authorization_code") && !grantType.equals("client_credentials")) {
                return tokenError("unsupported_grant_type", "unsupported grant_type or parameter is empty value");
            }
            if (grantType.equals("authorization_code") ? !c.authorizationCode : !c.clientCredentials) {
                return tokenError("invalid_grant", "client is not authorized to use given credentials flow");
            }
            if (grantType.equals("client_credentials")) {
                return clientCredentials(name, p, c, key, d, now);
            }
        } else {
            if (grantType.isEmpty()) {
                return tokenError("invalid_request", "grant_type parameter is required");
            }
            if (!grantType.equals("authorization_code")) {
                return tokenError("unsupported_grant_type", "unsupported grant_type value");
            }
        }
        String codeValue = str(d, "code");
        if (codeValue.isEmpty()) {
            return tokenError("invalid_request", "code parameter is required");
        }
        expireCodes(now);
        // From here on the code is gone whatever the outcome (Vault defers its deletion).
        AuthCode code = codes.remove(codeValue);
        if (code == null) {
            return tokenError("invalid_grant", "authorization grant is invalid or expired");
        }
        if (!code.clientId().equals(clientId)) {
            return tokenError("invalid_grant", "authorization code was not issued to the client");
        }
        if (!code.providerName().equals(name)) {
            return tokenError("invalid_grant", "authorization code was not issued by the provider");
        }
        String redirectUri = str(d, "redirect_uri");
        if (redirectUri.isEmpty()) {
            return tokenError("invalid_request", "redirect_uri parameter is required");
        }
        if (!redirectUri.equals(code.redirectUri())) {
            return tokenError(
                    "invalid_grant", "redirect_uri does not match the redirect_uri used in the authorization request");
        }
        Optional<EntitySnapshot> entity = identity.entity(code.entityId());
        if (entity.isEmpty()) {
            return tokenError("invalid_request", "identity entity associated with the request not found");
        }
        String assignmentError = assignmentError(c, entity.get());
        if (assignmentError != null) {
            return assignmentError.equals(NOT_ASSIGNED)
                    ? tokenError("invalid_request", NOT_ASSIGNED)
                    : tokenError("server_error", assignmentError);
        }
        String verifier = str(d, "code_verifier");
        if (code.challenge() == null) {
            if (c.isPublic()) {
                return tokenError("invalid_request", "PKCE is required for public clients");
            }
            if (!verifier.isEmpty()) {
                return tokenError("invalid_request", "unexpected code_verifier for token exchange");
            }
        } else {
            if (verifier.isEmpty()) {
                return tokenError("invalid_request", "expected code_verifier for token exchange");
            }
            String computed = code.challengeMethod().equals("S256")
                    ? b64(digest("SHA-256", verifier.getBytes(StandardCharsets.US_ASCII)))
                    : verifier;
            if (!computed.equals(code.challenge())) {
                return tokenError("invalid_grant", "invalid code_verifier for token exchange");
            }
        }
        Map<String, Object> scopeClaims;
        try {
            scopeClaims = scopeClaims(code.scopes(), entity.get(), entity.get().groups(), now);
        } catch (ClaimConflict e) {
            return tokenError("invalid_request", e.getMessage());
        }
        if (!key.hasMaterial()) {
            return tokenError("server_error", "signing key is nil; rotate the key and try again");
        }
        String accessToken = newAccessToken();
        accessTokens.put(
                accessToken,
                new AccessToken(name, clientId, code.entityId(), code.scopes(), now.plusSeconds(c.accessTokenTtl)));
        TreeMap<String, Object> claims = new TreeMap<>(scopeClaims);
        claims.put("iss", store.effectiveIssuer(name));
        claims.put("namespace", identity.namespaceId());
        claims.put("sub", code.entityId());
        claims.put("aud", clientId);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + c.idTokenTtl);
        if (!code.nonce().isEmpty()) {
            claims.put("nonce", code.nonce());
        }
        if (code.authTime() != null) {
            claims.put("auth_time", code.authTime());
        }
        String hashAlg = hashFor(key.signingKey.algorithm());
        claims.put("at_hash", leftHalfHash(hashAlg, accessToken));
        claims.put("c_hash", leftHalfHash(hashAlg, codeValue));
        String idToken = key.signingKey.sign(OidcJson.write(OidcJson.sortedDeep(claims)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("access_token", accessToken);
        doc.put("expires_in", c.accessTokenTtl);
        doc.put("id_token", idToken);
        doc.put("token_type", "Bearer");
        return tokenDoc(200, doc, null);
    }

    /**
     * OpenBao's {@code clientCredentialsFlow} (2.5+): a JWT access token for the client itself,
     * {@code sub} = {@code aud} = client_id, lifetime {@code id_token_ttl}, scope claims rendered
     * without an entity (templates that need one are dropped).
     */
    private EmulatorResponse clientCredentials(
            String name, Provider p, Client c, OidcNamedKey key, Map<String, Object> d, Instant now) {
        List<String> requested =
                OidcProviderStore.normalize(Arrays.asList(str(d, "scope").split(" ")), false);
        if (!requested.contains("openid")) {
            return tokenError("invalid_request", "scope parameter must contain the \"openid\" value");
        }
        Map<String, Object> scopeClaims;
        try {
            scopeClaims = scopeClaims(keptScopes(requested, p), null, List.of(), now);
        } catch (ClaimConflict e) {
            return tokenError("invalid_request", e.getMessage());
        }
        if (!key.hasMaterial()) {
            return tokenError("server_error", "signing key is nil; rotate the key and try again");
        }
        TreeMap<String, Object> claims = new TreeMap<>(scopeClaims);
        claims.put("iss", store.effectiveIssuer(name));
        claims.put("namespace", identity.namespaceId());
        claims.put("sub", c.clientId);
        claims.put("aud", c.clientId);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + c.idTokenTtl);
        claims.put("jti", Ids.uuid());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("access_token", key.signingKey.sign(OidcJson.write(OidcJson.sortedDeep(claims))));
        doc.put("expires_in", c.idTokenTtl);
        doc.put("token_type", "Bearer");
        return tokenDoc(200, doc, null);
    }

    private static final class ClaimConflict extends Exception {
        private static final long serialVersionUID = 1L;

        ClaimConflict(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The top-level claims of each scope's template rendered for the entity (null: none); templates
     * that fail to render contribute nothing, reserved keys are dropped, a key two scopes share is
     * an error.
     */
    private Map<String, Object> scopeClaims(
            List<String> scopeNames, EntitySnapshot entity, List<GroupSnapshot> groups, Instant now)
            throws ClaimConflict {
        Map<String, Object> claims = new TreeMap<>();
        Map<String, String> owner = new HashMap<>();
        for (String s : scopeNames) {
            OidcProviderStore.Scope scope = store.scopes.get(s);
            if (scope == null) {
                continue;
            }
            for (Map.Entry<String, Object> claim : OidcTemplateRenderer.claims(scope.template, entity, groups, now)
                    .entrySet()) {
                String previous = owner.put(claim.getKey(), s);
                if (previous != null) {
                    throw new ClaimConflict(
                            "found scopes with conflicting top-level claim: claim " + GoText.quote(claim.getKey())
                                    + " in scopes " + GoText.quote(s) + ", " + GoText.quote(previous));
                }
                claims.put(claim.getKey(), claim.getValue());
            }
        }
        return claims;
    }

    /** Go's {@code Request.BasicAuth}: {@code [user, password]}, or null when it does not parse. */
    static String[] basicAuth(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private String newAccessToken() {
        // Vault batch tokens: "hvb." (Vault 1.10+) or "b." (OpenBao) and a long opaque tail.
        return (store.flavour() == Flavour.OPENBAO ? "b." : "hvb.") + "AAAAAQ" + Ids.base62(160);
    }

    private static EmulatorResponse tokenError(String error, String description) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", error);
        doc.put("error_description", description);
        int status = switch (error) {
            case "invalid_client" -> 401;
            case "server_error" -> 500;
            default -> 400;
        };
        return tokenDoc(status, doc, error.equals("invalid_client") ? "Basic" : null);
    }

    private static EmulatorResponse tokenDoc(int status, Map<String, Object> doc, String wwwAuthenticate) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        if (wwwAuthenticate != null) {
            headers.put("WWW-Authenticate", wwwAuthenticate);
        }
        return new EmulatorResponse(EmulatorResponse.Kind.RAW, status, doc, null, null, null, headers);
    }

    // ------------------------------------------------------------------ userinfo (spec §9.10)

    /**
     * Userinfo does its own token check: the core lets the request through, and a token Vault's ACL
     * would refuse here (unknown, expired, another provider's access token, a non-root service
     * token under the default policy) gets the 401 {@code permission denied} rewrite.
     */
    EmulatorResponse userinfo(String name, EmulatorRequest req, Instant now) {
        String vaultToken = req.headers().get("x-vault-token");
        String authorization = req.headers().get("authorization");
        boolean bearer = vaultToken == null || vaultToken.isEmpty();
        String presented = bearer
                ? (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7).trim()
                        : null)
                : vaultToken;
        expireCodes(now);
        AccessToken access = presented == null ? null : accessTokens.get(presented);
        boolean root = req.token().map(EmulatorRequest.CallerToken::root).orElse(false);
        // The ACL: an access token covers its own provider's userinfo; root covers everything. The
        // core's token check comes first and refuses a token whose entity is disabled or gone
        // (OpenBao 2.7.2 answers the rewritten 401 for both).
        boolean entityValid = access != null
                && identity.entity(access.entityId()).map(e -> !e.disabled()).orElse(false);
        if (!(access != null && access.providerName().equals(name) && entityValid) && !root) {
            return userinfoError("invalid_token", "permission denied");
        }
        Provider p = store.providers.get(name);
        if (p == null) {
            return userinfoError("invalid_request", "provider not found");
        }
        if (!bearer) {
            return userinfoError("invalid_token", "access token must be sent as a Bearer token");
        }
        if (access == null) {
            return userinfoError("invalid_token", "access token is malformed or invalid");
        }
        Optional<Client> client = store.clientById(access.clientId());
        if (client.isEmpty()) {
            return userinfoError("access_denied", "client not found");
        }
        Optional<EntitySnapshot> entity = identity.entity(access.entityId());
        if (entity.isEmpty()) {
            return userinfoError("access_denied", "identity entity associated with the request not found");
        }
        String assignmentError = assignmentError(client.get(), entity.get());
        if (assignmentError != null) {
            return assignmentError.equals(NOT_ASSIGNED)
                    ? userinfoError("access_denied", NOT_ASSIGNED)
                    : userinfoError("server_error", assignmentError);
        }
        if (!p.allows(access.clientId())) {
            return userinfoError("access_denied", "client is not authorized to use the provider");
        }
        List<String> current = new ArrayList<>();
        for (String s : access.scopes()) {
            if (p.scopesSupported.contains(s)) {
                current.add(s);
            }
        }
        Map<String, Object> claims;
        try {
            claims = scopeClaims(current, entity.get(), entity.get().groups(), now);
        } catch (ClaimConflict e) {
            return userinfoError("invalid_request", e.getMessage());
        }
        TreeMap<String, Object> doc = new TreeMap<>(claims);
        doc.put("sub", access.entityId());
        return EmulatorResponse.raw(OidcJson.sortedDeep(doc), Map.of("Cache-Control", "no-store"));
    }

    /** Vault's userinfo path pattern, namespace-relative (spec §9.10). */
    static boolean isUserinfoPath(String path) {
        return path != null && USERINFO.matcher(path).matches();
    }

    private static EmulatorResponse userinfoError(String error, String description) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", error);
        doc.put("error_description", description);
        int status = switch (error) {
            case "invalid_request" -> 400;
            case "invalid_token" -> 401;
            case "access_denied" -> 403;
            default -> 500;
        };
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (status == 400 || status == 401) {
            headers.put("WWW-Authenticate", "Bearer error=\"" + error + "\",error_description=\"" + description + "\"");
        }
        // These two come from the HTTP layer's JSON encoder, which ends the body with a newline
        // (OpenBao 2.7.2); the handler's own errors do not.
        Object body =
                description.equals("permission denied") || description.equals("access token is malformed or invalid")
                        ? OidcJson.write(doc) + "\n"
                        : doc;
        return new EmulatorResponse(EmulatorResponse.Kind.RAW, status, body, null, null, null, headers);
    }

    // ------------------------------------------------------------------ helpers

    private static String str(Map<String, Object> d, String field) {
        return Fields.string(d, field).orElse("");
    }

    /** at_hash / c_hash: SHA-256 for *256, SHA-384 for *384, SHA-512 for *512 and EdDSA. */
    static String hashFor(String algorithm) {
        if (algorithm.endsWith("384")) {
            return "SHA-384";
        }
        if (algorithm.endsWith("512") || algorithm.equals("EdDSA")) {
            return "SHA-512";
        }
        return "SHA-256";
    }

    static String leftHalfHash(String hashAlg, String value) {
        byte[] h = digest(hashAlg, value.getBytes(StandardCharsets.US_ASCII));
        return b64(Arrays.copyOf(h, h.length / 2));
    }

    private static byte[] digest(String alg, byte[] in) {
        try {
            return MessageDigest.getInstance(alg).digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
