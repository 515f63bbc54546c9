package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcProviderFlowTest.assertOAuthError;
import static dev.vaultoidc.emulator.OidcProviderFlowTest.params;
import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OIDC provider in the OPENBAO flavour (spec §9.12): the client flags, the
 * {@code client_credentials} grant and OpenBao's other differences. Every expectation is what
 * OpenBao 2.7.2 answered to the same request.
 */
@EmulatorTest
@VaultEmulatorConfig(flavour = Flavour.OPENBAO, resetBeforeEach = true)
class OidcProviderOpenBaoTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    OidcProviderOpenBaoTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    VaultHttp.Resp token(String provider, String user, String password, Map<String, String> form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(vault.address() + "/v1/identity/oidc/provider/" + provider + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OidcProviderFlowTest.form(form)));
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return VaultHttp.exchange(b.build());
    }

    @Test
    void clientsCarryTheFlowFlags() {
        http.post("identity/oidc/client/c1", body());
        JsonNode c1 = http.get("identity/oidc/client/c1").data();
        assertThat(c1.get("authorization_code").asBoolean()).isTrue();
        assertThat(c1.get("client_credentials").asBoolean()).isFalse();
        assertThat(http.list("identity/oidc/client")
                        .data()
                        .get("key_info")
                        .get("c1")
                        .has("client_credentials"))
                .isTrue();
        assertThat(http.post("identity/oidc/client/pub", body("client_type", "public", "client_credentials", true))
                        .error())
                .isEqualTo("client_credentials=true is only allowed for client_type=confidential");
        http.post("identity/oidc/client/pub", body("client_type", "public"));
        assertThat(http.post("identity/oidc/client/pub", body("client_credentials", true))
                        .error())
                .isEqualTo("client_credentials=true is only allowed for client_type=confidential");
        assertThat(http.post("identity/oidc/client/c1", body("authorization_code", false, "client_credentials", false))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void assignmentIdsAreLowerCasedOnlyBeforeTheFirstDot() {
        http.post("identity/oidc/assignment/a1", body("entity_ids", "B , a,A.X.Y,b"));
        assertThat(http.get("identity/oidc/assignment/a1")
                        .data()
                        .get("entity_ids")
                        .toString())
                .isEqualTo("[\"a\",\"a.X.Y\",\"b\"]");
    }

    @Test
    void discoveryHasNoPkceField() {
        VaultHttp.Resp d = http.as(null).get("identity/oidc/provider/default/.well-known/openid-configuration");
        assertThat(d.json().has("code_challenge_methods_supported")).isFalse();
        assertThat(d.json().get("grant_types_supported").toString()).isEqualTo("[\"authorization_code\"]");
    }

    @Test
    void clientCredentialsGrant() throws Exception {
        http.post("identity/oidc/scope/groups", body("template", "{\"groups\": {{identity.entity.groups.names}}}"));
        http.post("identity/oidc/scope/fixed", body("template", "{\"k\":\"v\"}"));
        http.post("identity/oidc/provider/p3", body("allowed_client_ids", "*", "scopes_supported", "groups,fixed"));
        http.post(
                "identity/oidc/client/cc",
                body(
                        "client_credentials",
                        true,
                        "authorization_code",
                        false,
                        "assignments",
                        "allow_all",
                        "redirect_uris",
                        "http://a/cb",
                        "id_token_ttl",
                        "1h",
                        "access_token_ttl",
                        "2h"));
        JsonNode cc = http.get("identity/oidc/client/cc").data();
        String id = cc.get("client_id").asText();
        String secret = cc.get("client_secret").asText();

        assertOAuthError(
                token("p3", id, secret, params("grant_type", "client_credentials")),
                400,
                "invalid_request",
                "scope parameter must contain the \"openid\" value");
        VaultHttp.Resp r =
                token("p3", id, secret, params("grant_type", "client_credentials", "scope", "openid groups fixed zz"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().has("id_token")).isFalse();
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(3600); // id_token_ttl, not access_token_ttl
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        SignedJWT jwt = SignedJWT.parse(r.json().get("access_token").asText());
        JWKSet keys = JWKSet.parse(http.as(null)
                .get("identity/oidc/provider/p3/.well-known/keys")
                .raw()
                .body());
        assertThat(jwt.verify(new RSASSAVerifier(
                        (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID()))))
                .isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getAudience()).containsExactly(id);
        assertThat(claims.getIssuer()).isEqualTo(vault.address() + "/v1/identity/oidc/provider/p3");
        assertThat(claims.getJWTID()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(3_600_000L);
        // Rendered without an entity: the groups template fails and is dropped, the constant one stays.
        assertThat(claims.getClaims()).containsOnlyKeys("aud", "exp", "iat", "iss", "jti", "k", "namespace", "sub");
        assertThat(claims.getStringClaim("k")).isEqualTo("v");

        // Not a Vault token: userinfo refuses it with the permission-denied rewrite.
        VaultHttp.Resp info = VaultHttp.exchange(
                HttpRequest.newBuilder(URI.create(vault.address() + "/v1/identity/oidc/provider/p3/userinfo"))
                        .header("Authorization", "Bearer " + jwt.serialize())
                        .build());
        assertOAuthError(info, 401, "invalid_token", "permission denied");

        // The code flow is off for this client.
        VaultHttp.Resp authorize = VaultHttp.exchange(HttpRequest.newBuilder(URI.create(vault.address()
                        + "/v1/identity/oidc/provider/p3/authorize?client_id=" + id
                        + "&scope=openid&redirect_uri=http://a/cb&response_type=code&state=st"))
                .header("X-Vault-Token", vault.createToken(vault.createEntity("alice"), "default"))
                .build());
        assertOAuthError(
                authorize, 400, "invalid_grant", "client not allowed to perform authorization code credential flow");
        assertThat(authorize.json().get("state").asText()).isEqualTo("st");
        assertOAuthError(
                token("p3", id, secret, params("grant_type", "authorization_code", "code", "x")),
                400,
                "invalid_grant",
                "client is not authorized to use given credentials flow");
    }

    @Test
    void grantTypeErrors() {
        http.post("identity/oidc/client/c1", body());
        JsonNode c1 = http.get("identity/oidc/client/c1").data();
        String id = c1.get("client_id").asText();
        String secret = c1.get("client_secret").asText();
        assertOAuthError(
                token("default", id, secret, params()),
                400,
                "unsupported_grant_type",
                "unsupported grant_type or parameter is empty value");
        assertOAuthError(
                token("default", id, secret, params("grant_type", "foo")),
                400,
                "unsupported_grant_type",
                "unsupported grant_type or parameter is empty value");
        assertOAuthError(
                token("default", id, secret, params("grant_type", "client_credentials")),
                400,
                "invalid_grant",
                "client is not authorized to use given credentials flow");
    }

    @Test
    void accessTokensLookLikeOpenBaoBatchTokens() {
        String entity = vault.createEntity("alice");
        String user = vault.createToken(entity, "default");
        http.post("identity/oidc/client/app", body("redirect_uris", "http://a/cb", "assignments", "allow_all"));
        JsonNode app = http.get("identity/oidc/client/app").data();
        VaultHttp.Resp auth = VaultHttp.exchange(HttpRequest.newBuilder(URI.create(vault.address()
                        + "/v1/identity/oidc/provider/default/authorize?client_id="
                        + app.get("client_id").asText()
                        + "&scope=openid&redirect_uri=http://a/cb&response_type=code"))
                .header("X-Vault-Token", user)
                .build());
        assertThat(auth.raw().body()).endsWith(",\"state\":\"\"}");
        VaultHttp.Resp tokens = token(
                "default",
                app.get("client_id").asText(),
                app.get("client_secret").asText(),
                params(
                        "grant_type",
                        "authorization_code",
                        "code",
                        auth.json().get("code").asText(),
                        "redirect_uri",
                        "http://a/cb"));
        assertThat(tokens.json().get("access_token").asText()).startsWith("b.");
        // Elsewhere the access token is refused with a wrapped 403, even in OpenBao.
        assertThat(http.as(tokens.json().get("access_token").asText())
                        .get("identity/entity/id/" + entity)
                        .errors())
                .containsExactly("1 error occurred:\n\t* permission denied\n\n");
    }
}
