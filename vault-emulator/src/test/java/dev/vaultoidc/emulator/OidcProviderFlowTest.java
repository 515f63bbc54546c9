package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OIDC provider's code flow over HTTP (spec §9.6–§9.11): authorize with an entity's Vault
 * token, exchange the code, verify the ID token against the provider's keys, call userinfo; and
 * the negative paths. Error codes, texts and statuses are what OpenBao 2.7.2 answered.
 */
@EmulatorTest
class OidcProviderFlowTest {

    static final String REDIRECT = "https://app.example/cb";
    static final String VERIFIER = "0123456789012345678901234567890123456789012345";

    private final VaultEmulator vault;
    private final VaultHttp http;
    String entityId;
    String userToken;
    String groupId;
    String clientId;
    String secret;

    OidcProviderFlowTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    @BeforeEach
    void provision() {
        entityId = vault.createEntity("alice");
        http.post("identity/entity/id/" + entityId, body("metadata", Map.of("team", "blue")));
        groupId = http.post("identity/group", body("name", "devs", "member_entity_ids", List.of(entityId)))
                .data()
                .get("id")
                .asText();
        userToken = vault.createToken(entityId, "default");
        http.post("identity/oidc/assignment/devs", body("group_ids", groupId));
        http.post("identity/oidc/scope/groups", body("template", "{\"groups\": {{identity.entity.groups.names}}}"));
        http.post("identity/oidc/scope/team", body("template", "{\"team\": {{identity.entity.metadata.team}}}"));
        http.post(
                "identity/oidc/client/app",
                body(
                        "redirect_uris",
                        REDIRECT,
                        "assignments",
                        "devs",
                        "id_token_ttl",
                        "30m",
                        "access_token_ttl",
                        "1h"));
        JsonNode app = http.get("identity/oidc/client/app").data();
        clientId = app.get("client_id").asText();
        secret = app.get("client_secret").asText();
        http.post("identity/oidc/provider/my", body("allowed_client_ids", clientId, "scopes_supported", "groups,team"));
    }

    // ------------------------------------------------------------------ tiny OAuth client

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    Map<String, String> authParams(String... extra) {
        Map<String, String> m = params(
                "client_id",
                clientId,
                "scope",
                "openid groups team",
                "redirect_uri",
                REDIRECT,
                "response_type",
                "code",
                "state",
                "st",
                "nonce",
                "n-1");
        m.putAll(params(extra));
        return m;
    }

    VaultHttp.Resp authorize(String provider, String token, Map<String, String> params) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
                        vault.address() + "/v1/identity/oidc/provider/" + provider + "/authorize?" + form(params)))
                .GET();
        if (token != null) {
            b.header("X-Vault-Token", token);
        }
        return VaultHttp.exchange(b.build());
    }

    String code(String... extra) {
        VaultHttp.Resp r = authorize("my", userToken, authParams(extra));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("code").asText();
    }

    VaultHttp.Resp token(String provider, String basicUser, String basicPassword, Map<String, String> params) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(vault.address() + "/v1/identity/oidc/provider/" + provider + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        if (basicUser != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return VaultHttp.exchange(b.build());
    }

    VaultHttp.Resp exchange(String code, String... extra) {
        Map<String, String> p = params("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT);
        p.putAll(params(extra));
        return token("my", clientId, secret, p);
    }

    VaultHttp.Resp userinfo(String provider, String header, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(vault.address() + "/v1/identity/oidc/provider/" + provider + "/userinfo"))
                .GET();
        if (header != null) {
            b.header(header, value);
        }
        return VaultHttp.exchange(b.build());
    }

    static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static String leftHalf(String value) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 16));
    }

    static void assertOAuthError(VaultHttp.Resp r, int status, String error, String description) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).as(r.toString()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isEqualTo(description);
    }

    // ------------------------------------------------------------------ the flow

    @Test
    void fullCodeFlowWithPkceNonceAndMaxAge() throws Exception {
        String issuer = vault.address() + "/v1/identity/oidc/provider/my";
        VaultHttp.Resp discovery =
                VaultHttp.exchange(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                        .GET()
                        .build());
        assertThat(discovery.raw().headers().firstValue("Cache-Control")).hasValue("max-age=3600");
        assertThat(discovery.raw().body())
                .isEqualTo("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                        + "/.well-known/keys\",\"authorization_endpoint\":\"" + vault.address()
                        + "/ui/vault/identity/oidc/provider/my/authorize\",\"token_endpoint\":\"" + issuer
                        + "/token\",\"userinfo_endpoint\":\"" + issuer
                        + "/userinfo\",\"request_parameter_supported\":false,"
                        + "\"request_uri_parameter_supported\":false,\"id_token_signing_alg_values_supported\":[\"RS256\","
                        + "\"RS384\",\"RS512\",\"ES256\",\"ES384\",\"ES512\",\"EdDSA\"],\"response_types_supported\":[\"code\"],"
                        + "\"scopes_supported\":[\"groups\",\"team\",\"openid\"],\"claims_supported\":[],"
                        + "\"subject_types_supported\":[\"public\"],\"grant_types_supported\":[\"authorization_code\"],"
                        + "\"token_endpoint_auth_methods_supported\":[\"none\",\"client_secret_basic\",\"client_secret_post\"],"
                        + "\"code_challenge_methods_supported\":[\"plain\",\"S256\"]}");

        long tokenCreated = http.as(userToken)
                .get("auth/token/lookup-self")
                .data()
                .get("creation_time")
                .asLong();
        vault.clock().advance(Duration.ofSeconds(5));
        VaultHttp.Resp auth = authorize(
                "my",
                userToken,
                authParams("code_challenge", s256(VERIFIER), "code_challenge_method", "S256", "max_age", "60"));
        assertThat(auth.status()).isEqualTo(200);
        assertThat(auth.raw().body()).matches("\\{\"code\":\"[0-9A-Za-z]{32}\",\"state\":\"st\"}");
        String code = auth.json().get("code").asText();

        VaultHttp.Resp tokens = exchange(code, "code_verifier", VERIFIER);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(tokens.raw().headers().firstValue("Pragma")).hasValue("no-cache");
        assertThat(List.of(tokens.json().fieldNames().next())).containsExactly("access_token");
        assertThat(tokens.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.json().has("refresh_token")).isFalse();
        String accessToken = tokens.json().get("access_token").asText();
        assertThat(accessToken).startsWith("hvb.");

        VaultHttp.Resp keys = VaultHttp.exchange(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/keys"))
                .GET()
                .build());
        assertThat(keys.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        JWKSet jwks = JWKSet.parse(keys.raw().body());
        assertThat(jwks.getKeys()).hasSize(2); // the default key's current and next key
        SignedJWT idToken = SignedJWT.parse(tokens.json().get("id_token").asText());
        RSAKey signer = (RSAKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.verify(new RSASSAVerifier(signer))).isTrue();
        assertThat(idToken.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid");
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getSubject()).isEqualTo(entityId);
        assertThat(claims.getAudience()).containsExactly(clientId); // a string on the wire, see below
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(claims.getLongClaim("auth_time")).isEqualTo(tokenCreated);
        assertThat(claims.getStringClaim("at_hash")).isEqualTo(leftHalf(accessToken));
        assertThat(claims.getStringClaim("c_hash")).isEqualTo(leftHalf(code));
        assertThat(claims.getStringClaim("namespace")).isEqualTo("root");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(1_800_000L);
        assertThat(claims.getStringListClaim("groups")).containsExactly("devs");
        assertThat(claims.getStringClaim("team")).isEqualTo("blue");
        // Go marshals the payload with sorted keys.
        String payload = new String(
                Base64.getUrlDecoder().decode(idToken.getParsedParts()[1].toString()), StandardCharsets.UTF_8);
        assertThat(payload).startsWith("{\"at_hash\":").contains(",\"aud\":\"" + clientId + "\",\"auth_time\":");

        VaultHttp.Resp info = userinfo("my", "Authorization", "Bearer " + accessToken);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.raw().body())
                .isEqualTo("{\"groups\":[\"devs\"],\"sub\":\"" + entityId + "\",\"team\":\"blue\"}");
        assertThat(info.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        // Userinfo sees the provider's scopes as they are now.
        http.post("identity/oidc/provider/my", body("scopes_supported", "team"));
        assertThat(userinfo("my", "Authorization", "Bearer " + accessToken)
                        .raw()
                        .body())
                .isEqualTo("{\"sub\":\"" + entityId + "\",\"team\":\"blue\"}");

        // The access token is good for nothing else.
        VaultHttp.Resp elsewhere = http.as(accessToken).get("auth/token/lookup-self");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.errors()).containsExactly("1 error occurred:\n\t* permission denied\n\n");
        assertOAuthError(
                userinfo("default", "Authorization", "Bearer " + accessToken),
                401,
                "invalid_token",
                "permission denied");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"RS384,SHA-384", "ES256,SHA-256", "ES512,SHA-512", "EdDSA,SHA-512"})
    void hashClaimsFollowTheKeyAlgorithm(String algorithm, String hash) throws Exception {
        http.post("identity/oidc/key/k", body("algorithm", algorithm, "allowed_client_ids", "*"));
        http.post("identity/oidc/client/alg", body("key", "k", "redirect_uris", REDIRECT, "assignments", "allow_all"));
        JsonNode alg = http.get("identity/oidc/client/alg").data();
        http.post("identity/oidc/provider/my", body("allowed_client_ids", "*"));
        Map<String, String> p = authParams("client_id", alg.get("client_id").asText());
        String code = authorize("my", userToken, p).json().get("code").asText();
        VaultHttp.Resp tokens = token(
                "my",
                alg.get("client_id").asText(),
                alg.get("client_secret").asText(),
                params("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        SignedJWT idToken = SignedJWT.parse(tokens.json().get("id_token").asText());
        assertThat(idToken.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
        byte[] h = MessageDigest.getInstance(hash)
                .digest(tokens.json().get("access_token").asText().getBytes(StandardCharsets.US_ASCII));
        assertThat(idToken.getJWTClaimsSet().getStringClaim("at_hash"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, h.length / 2)));
        JWKSet keys = JWKSet.parse(http.as(null)
                .get("identity/oidc/provider/my/.well-known/keys")
                .raw()
                .body());
        assertThat(keys.getKeyByKeyId(idToken.getHeader().getKeyID())).isNotNull();
    }

    @Test
    void authorizeByPostAndClientSecretPost() {
        HttpRequest post = HttpRequest.newBuilder(
                        URI.create(vault.address() + "/v1/identity/oidc/provider/my/authorize"))
                .header("X-Vault-Token", userToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        VaultHttp.JSON.valueToTree(authParams()).toString()))
                .build();
        VaultHttp.Resp auth = VaultHttp.exchange(post);
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        VaultHttp.Resp tokens = token(
                "my",
                null,
                null,
                params(
                        "grant_type",
                        "authorization_code",
                        "code",
                        auth.json().get("code").asText(),
                        "redirect_uri",
                        REDIRECT,
                        "client_id",
                        clientId,
                        "client_secret",
                        secret));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.json().has("id_token")).isTrue();
    }

    @Test
    void publicClientsNeedPkceAndNoSecret() throws Exception {
        http.post(
                "identity/oidc/client/spa",
                body("redirect_uris", "http://127.0.0.1/cb", "assignments", "allow_all", "client_type", "public"));
        String spa =
                http.get("identity/oidc/client/spa").data().get("client_id").asText();
        http.post("identity/oidc/provider/my", body("allowed_client_ids", clientId + "," + spa));
        Map<String, String> p = params(
                "client_id",
                spa,
                "scope",
                "openid",
                "redirect_uri",
                "http://127.0.0.1:49152/cb",
                "response_type",
                "code",
                "state",
                "s");
        assertOAuthError(authorize("my", userToken, p), 400, "invalid_request", "PKCE is required for public clients");

        p.put("code_challenge", VERIFIER); // plain: the challenge is the verifier
        VaultHttp.Resp auth = authorize("my", userToken, p);
        assertThat(auth.status())
                .as("loopback port is ignored at authorize: " + auth)
                .isEqualTo(200);
        VaultHttp.Resp tokens = token(
                "my",
                null,
                null,
                params(
                        "grant_type",
                        "authorization_code",
                        "code",
                        auth.json().get("code").asText(),
                        "redirect_uri",
                        "http://127.0.0.1:49152/cb",
                        "client_id",
                        spa,
                        "client_secret",
                        "anything: public clients are not authenticated",
                        "code_verifier",
                        VERIFIER));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    }

    @Test
    void authorizeErrorsInVaultsOrder() {
        assertOAuthError(
                authorize("my", userToken, authParams("client_id", "")),
                400,
                "invalid_client_id",
                "client_id parameter is required");
        assertOAuthError(
                authorize("my", userToken, authParams("client_id", "nope")),
                400,
                "invalid_client_id",
                "client with client_id not found");
        assertOAuthError(
                authorize("my", userToken, authParams("redirect_uri", "")),
                400,
                "invalid_request",
                "redirect_uri parameter is required");
        assertOAuthError(
                authorize("my", userToken, authParams("redirect_uri", REDIRECT + "x")),
                400,
                "invalid_redirect_uri",
                "redirect_uri is not allowed for the client");
        assertOAuthError(authorize("nope", userToken, authParams()), 400, "invalid_request", "provider not found");
        http.post("identity/oidc/provider/other", body());
        assertOAuthError(
                authorize("other", userToken, authParams()),
                400,
                "unauthorized_client",
                "client is not authorized to use the provider");
        VaultHttp.Resp request = authorize("my", userToken, authParams("request", "x"));
        assertOAuthError(request, 400, "request_not_supported", "request parameter is not supported");
        assertThat(request.json().get("state").asText()).isEmpty();
        assertOAuthError(
                authorize("my", userToken, authParams("request_uri", "x")),
                400,
                "request_uri_not_supported",
                "request_uri parameter is not supported");
        assertOAuthError(
                authorize("my", userToken, authParams("scope", "groups team")),
                400,
                "invalid_request",
                "scope parameter must contain the \"openid\" value");
        assertOAuthError(
                authorize("my", userToken, authParams("scope", "OpenID")),
                400,
                "invalid_request",
                "scope parameter must contain the \"openid\" value");
        assertOAuthError(
                authorize("my", userToken, authParams("response_type", "")),
                400,
                "invalid_request",
                "response_type parameter is required");
        assertOAuthError(
                authorize("my", userToken, authParams("response_type", "token")),
                400,
                "unsupported_response_type",
                "unsupported response_type value");
        assertOAuthError(
                authorize("my", vault.rootToken(), authParams()),
                400,
                "access_denied",
                "identity entity must be associated with the request");
        assertOAuthError(
                authorize("my", userToken, authParams("code_challenge", VERIFIER, "code_challenge_method", "S512")),
                400,
                "invalid_request",
                "invalid code_challenge_method");
        assertOAuthError(
                authorize("my", userToken, authParams("code_challenge", "short")),
                400,
                "invalid_request",
                "invalid code_challenge");
        assertOAuthError(
                authorize("my", userToken, authParams("max_age", "0")),
                400,
                "invalid_request",
                "max_age must be greater than zero");
        VaultHttp.Resp badMaxAge = authorize("my", userToken, authParams("max_age", "abc"));
        assertThat(badMaxAge.status()).isEqualTo(400);
        assertThat(badMaxAge.error())
                .isEqualTo("Field validation failed: error converting input for field "
                        + "\"max_age\": '' cannot parse value as 'int': strconv.ParseInt: invalid syntax");
        vault.clock().advance(Duration.ofSeconds(61));
        assertOAuthError(
                authorize("my", userToken, authParams("max_age", "60")),
                400,
                "max_age_violation",
                "active re-authentication is required by max_age");
        assertThat(authorize("my", null, authParams()).status()).isEqualTo(403);
    }

    @Test
    void anEntityOutsideTheAssignmentIsDenied() {
        String bob = vault.createEntity("bob");
        String bobToken = vault.createToken(bob, "default");
        assertOAuthError(
                authorize("my", bobToken, authParams()),
                400,
                "access_denied",
                "identity entity not authorized by client assignment");
        // Naming the entity itself works too; "*" in a user-made assignment is no wildcard.
        http.post("identity/oidc/assignment/star", body("entity_ids", "*"));
        http.post("identity/oidc/client/app", body("assignments", "devs,star"));
        assertOAuthError(
                authorize("my", bobToken, authParams()),
                400,
                "access_denied",
                "identity entity not authorized by client assignment");
        http.post("identity/oidc/assignment/star", body("entity_ids", bob));
        assertThat(authorize("my", bobToken, authParams()).status()).isEqualTo(200);
    }

    @Test
    void tokenEndpointClientAuthentication() {
        String code = code();
        assertOAuthError(
                token(
                        "my",
                        clientId,
                        "bad",
                        params("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)),
                401,
                "invalid_client",
                "client failed to authenticate");
        VaultHttp.Resp unknown = token("my", null, null, params("client_id", "zz", "grant_type", "authorization_code"));
        assertOAuthError(unknown, 401, "invalid_client", "client failed to authenticate");
        assertThat(unknown.raw().headers().firstValue("WWW-Authenticate")).hasValue("Basic");
        assertOAuthError(
                token("my", null, null, params("grant_type", "authorization_code", "code", code)),
                400,
                "invalid_request",
                "client_id parameter is required");
        assertOAuthError(
                token("my", "", "x", params("grant_type", "authorization_code")),
                500,
                "server_error",
                "missing client ID");
        assertOAuthError(token("nope", clientId, secret, params()), 400, "invalid_request", "provider not found");
        assertOAuthError(
                token("default", clientId, secret, params()),
                400,
                "invalid_request",
                "grant_type parameter is required");
        http.post("identity/oidc/provider/other", body());
        assertOAuthError(
                token("other", clientId, secret, params()),
                401,
                "invalid_client",
                "client is not authorized to use the provider");
        assertOAuthError(
                token("my", clientId, secret, params("grant_type", "client_credentials")),
                400,
                "unsupported_grant_type",
                "unsupported grant_type value");
        assertOAuthError(
                token("my", clientId, secret, params("grant_type", "authorization_code")),
                400,
                "invalid_request",
                "code parameter is required");
        // Failures before the code lookup leave the code usable.
        assertThat(exchange(code).status()).isEqualTo(200);
    }

    @Test
    void aKeyThatDoesNotAllowTheClientRefusesIt() {
        http.post("identity/oidc/key/strict", body("allowed_client_ids", "someone-else"));
        http.post(
                "identity/oidc/client/strict",
                body("key", "strict", "redirect_uris", REDIRECT, "assignments", "allow_all"));
        JsonNode strict = http.get("identity/oidc/client/strict").data();
        http.post("identity/oidc/provider/my", body("allowed_client_ids", "*"));
        assertOAuthError(
                token(
                        "my",
                        strict.get("client_id").asText(),
                        strict.get("client_secret").asText(),
                        params("grant_type", "authorization_code")),
                401,
                "invalid_client",
                "client is not authorized to use the key");
    }

    @Test
    void codesAreSingleUseBoundAndShortLived() {
        String code = code();
        assertThat(exchange(code).status()).isEqualTo(200);
        assertOAuthError(exchange(code), 400, "invalid_grant", "authorization grant is invalid or expired");

        // Any failure from the code lookup on burns the code.
        String wrongRedirect = code();
        assertOAuthError(
                exchange(wrongRedirect, "redirect_uri", REDIRECT + "/x"),
                400,
                "invalid_grant",
                "redirect_uri does not match the redirect_uri used in the authorization request");
        assertOAuthError(exchange(wrongRedirect), 400, "invalid_grant", "authorization grant is invalid or expired");
        String noRedirect = code();
        assertOAuthError(
                token("my", clientId, secret, params("grant_type", "authorization_code", "code", noRedirect)),
                400,
                "invalid_request",
                "redirect_uri parameter is required");
        assertOAuthError(exchange(noRedirect), 400, "invalid_grant", "authorization grant is invalid or expired");

        // Five minutes (the clock follows wall time here, hence a second of slack either side).
        String edge = code();
        vault.clock().advance(Duration.ofSeconds(OidcProviderFlow.CODE_LIFETIME_SECONDS - 1));
        assertThat(exchange(edge).status()).isEqualTo(200);
        String late = code();
        vault.clock().advance(Duration.ofSeconds(OidcProviderFlow.CODE_LIFETIME_SECONDS + 1));
        assertOAuthError(exchange(late), 400, "invalid_grant", "authorization grant is invalid or expired");

        // A code belongs to its client and provider.
        http.post("identity/oidc/client/other", body("redirect_uris", REDIRECT, "assignments", "allow_all"));
        JsonNode other = http.get("identity/oidc/client/other").data();
        http.post("identity/oidc/provider/my", body("allowed_client_ids", "*"));
        String mine = code();
        assertOAuthError(
                token(
                        "my",
                        other.get("client_id").asText(),
                        other.get("client_secret").asText(),
                        params("grant_type", "authorization_code", "code", mine, "redirect_uri", REDIRECT)),
                400,
                "invalid_grant",
                "authorization code was not issued to the client");
        assertOAuthError(exchange(mine), 400, "invalid_grant", "authorization grant is invalid or expired");
        String fromMy = code();
        assertOAuthError(
                token(
                        "default",
                        clientId,
                        secret,
                        params("grant_type", "authorization_code", "code", fromMy, "redirect_uri", REDIRECT)),
                400,
                "invalid_grant",
                "authorization code was not issued by the provider");
    }

    @Test
    void pkceVerification() throws Exception {
        String challenged = code("code_challenge", s256(VERIFIER), "code_challenge_method", "S256");
        assertOAuthError(
                exchange(challenged, "code_verifier", VERIFIER + "x"),
                400,
                "invalid_grant",
                "invalid code_verifier for token exchange");
        String missing = code("code_challenge", s256(VERIFIER), "code_challenge_method", "S256");
        assertOAuthError(exchange(missing), 400, "invalid_request", "expected code_verifier for token exchange");
        String plain = code("code_challenge", VERIFIER);
        assertOAuthError(
                exchange(plain, "code_verifier", s256(VERIFIER)),
                400,
                "invalid_grant",
                "invalid code_verifier for token exchange");
        assertOAuthError(
                exchange(code(), "code_verifier", VERIFIER),
                400,
                "invalid_request",
                "unexpected code_verifier for token exchange");
        assertThat(exchange(
                                code("code_challenge", VERIFIER, "code_challenge_method", "plain"),
                                "code_verifier",
                                VERIFIER)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theEntityIsCheckedAgainAtTheTokenEndpoint() {
        String code = code();
        http.post("identity/oidc/client/app", body("assignments", "allow_all"));
        http.post("identity/oidc/assignment/devs", body("group_ids", ""));
        http.post("identity/oidc/client/app", body("assignments", "devs"));
        assertOAuthError(exchange(code), 400, "invalid_request", "identity entity not authorized by client assignment");
        http.post("identity/oidc/client/app", body("assignments", "allow_all"));
        String gone = code();
        http.delete("identity/entity/id/" + entityId);
        assertOAuthError(
                exchange(gone), 400, "invalid_request", "identity entity associated with the request not found");
    }

    @Test
    void conflictingScopeClaimsFailTheExchange() {
        http.post("identity/oidc/scope/team2", body("template", "{\"team\": \"red\"}"));
        http.post("identity/oidc/provider/my", body("scopes_supported", "groups,team,team2"));
        String code = code("scope", "openid team team2");
        assertOAuthError(
                exchange(code),
                400,
                "invalid_request",
                "found scopes with conflicting top-level claim: claim \"team\" in scopes \"team2\", \"team\"");
    }

    @Test
    void userinfoErrors() {
        String accessToken = exchange(code()).json().get("access_token").asText();
        VaultHttp.Resp viaHeader = userinfo("my", "X-Vault-Token", accessToken);
        assertOAuthError(viaHeader, 401, "invalid_token", "access token must be sent as a Bearer token");
        assertThat(viaHeader.raw().headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer error=\"invalid_token\",error_description=\"access token must be sent as a Bearer token\"");
        assertOAuthError(
                userinfo("my", "Authorization", "Bearer " + vault.rootToken()),
                401,
                "invalid_token",
                "access token is malformed or invalid");
        assertOAuthError(
                userinfo("my", "Authorization", "Bearer " + userToken), 401, "invalid_token", "permission denied");
        VaultHttp.Resp unknown = userinfo("my", "Authorization", "Bearer nope");
        assertOAuthError(unknown, 401, "invalid_token", "permission denied");
        assertThat(unknown.raw().body())
                .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"permission denied\"}\n");
        assertThat(unknown.raw().headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"invalid_token\",error_description=\"permission denied\"");
        assertOAuthError(userinfo("my", null, null), 401, "invalid_token", "permission denied");
        assertOAuthError(
                userinfo("nope", "Authorization", "Bearer " + vault.rootToken()),
                400,
                "invalid_request",
                "provider not found");
        assertThat(userinfo("my", "Authorization", "Bearer " + accessToken).status())
                .isEqualTo(200);

        http.post("identity/oidc/provider/my", body("allowed_client_ids", "someone-else"));
        VaultHttp.Resp notAllowed = userinfo("my", "Authorization", "Bearer " + accessToken);
        assertOAuthError(notAllowed, 403, "access_denied", "client is not authorized to use the provider");
        assertThat(notAllowed.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
        http.delete("identity/oidc/client/app");
        assertOAuthError(
                userinfo("my", "Authorization", "Bearer " + accessToken), 403, "access_denied", "client not found");
    }

    @Test
    void userinfoRefusesATokenWhoseEntityIsDisabledOrGoneAsTheCoreDoes() {
        String accessToken = exchange(code()).json().get("access_token").asText();
        http.post("identity/entity/id/" + entityId, body("disabled", true));
        assertOAuthError(
                userinfo("my", "Authorization", "Bearer " + accessToken), 401, "invalid_token", "permission denied");
        http.post("identity/entity/id/" + entityId, body("disabled", false));
        assertThat(userinfo("my", "Authorization", "Bearer " + accessToken).status())
                .isEqualTo(200);
        http.delete("identity/entity/id/" + entityId);
        assertOAuthError(
                userinfo("my", "Authorization", "Bearer " + accessToken), 401, "invalid_token", "permission denied");
    }

    @Test
    void aDisabledEntityIsRefusedAtTheTokenEndpoint() {
        String code = code();
        http.post("identity/entity/id/" + entityId, body("disabled", true));
        assertOAuthError(exchange(code), 400, "invalid_request", "identity entity not authorized by client assignment");
    }

    @Test
    void accessTokensExpireAfterTheirTtl() {
        String accessToken = exchange(code()).json().get("access_token").asText();
        vault.clock().advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(userinfo("my", "Authorization", "Bearer " + accessToken).status())
                .isEqualTo(200);
        vault.clock().advance(Duration.ofSeconds(2));
        assertOAuthError(
                userinfo("my", "Authorization", "Bearer " + accessToken), 401, "invalid_token", "permission denied");
    }
}
