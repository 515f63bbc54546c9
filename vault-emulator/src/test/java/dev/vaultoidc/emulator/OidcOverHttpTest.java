package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The OIDC engine as a client sees it: wired into the server, behind token auth, on the clock. */
@EmulatorTest
class OidcOverHttpTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    OidcOverHttpTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private String workloadToken() {
        vault.enableAuth("approle");
        // The workload may mint ID tokens for role r, and nothing else.
        vault.writePolicy("mint-r", "path \"identity/oidc/token/r\" { capabilities = [\"read\"] }");
        http.post("auth/approle/role/web", body("token_ttl", "1h", "token_policies", "mint-r"));
        String roleId =
                http.get("auth/approle/role/web/role-id").data().get("role_id").asText();
        String secretId = http.post("auth/approle/role/web/secret-id", body())
                .data()
                .get("secret_id")
                .asText();
        return http.as(null)
                .post("auth/approle/login", body("role_id", roleId, "secret_id", secretId))
                .json()
                .get("auth")
                .get("client_token")
                .asText();
    }

    @Test
    void workloadMintsATokenThatVerifiesAgainstTheServedJwks() throws Exception {
        assertThat(http.post("identity/oidc/key/k", body("allowed_client_ids", "*"))
                        .status())
                .isEqualTo(204);
        assertThat(http.post("identity/oidc/role/r", body("key", "k", "ttl", "30m"))
                        .status())
                .isEqualTo(204);
        String token = workloadToken();

        VaultHttp.Resp minted = http.as(token).get("identity/oidc/token/r");
        assertThat(minted.status()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(minted.data().get("token").asText());

        VaultHttp.Resp discovery = http.as(null).get("identity/oidc/.well-known/openid-configuration");
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.raw().headers().firstValue("Cache-Control")).contains("max-age=3600");
        String issuer = vault.address() + "/v1/identity/oidc";
        assertThat(discovery.json().get("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.json().get("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/keys");

        VaultHttp.Resp keys = http.as(null).get("identity/oidc/.well-known/keys");
        JWKSet set = JWKSet.parse(keys.raw().body());
        assertThat(jwt.verify(new RSASSAVerifier(
                        set.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        assertThat(jwt.getJWTClaimsSet().getAudience())
                .containsExactly(minted.data().get("client_id").asText());
    }

    @Test
    void introspectNeedsATokenAndSeesExpiryByTheEmulatorClock() {
        http.post("identity/oidc/key/k", body("allowed_client_ids", "*"));
        http.post("identity/oidc/role/r", body("key", "k", "ttl", "10m"));
        String idToken = http.as(workloadToken())
                .get("identity/oidc/token/r")
                .data()
                .get("token")
                .asText();

        assertThat(http.as(null)
                        .post("identity/oidc/introspect", body("token", idToken))
                        .status())
                .isEqualTo(403);
        JsonNode active =
                http.post("identity/oidc/introspect", body("token", idToken)).json();
        assertThat(active.get("active").asBoolean()).isTrue();

        vault.clock().advance(Duration.ofMinutes(12));
        JsonNode expired =
                http.post("identity/oidc/introspect", body("token", idToken)).json();
        assertThat(expired.get("active").asBoolean()).isFalse();
        assertThat(expired.get("error").asText()).contains("token is expired (exp)");
    }

    @Test
    void resetDropsOidcStateButKeepsTheDefaultKey() {
        http.post("identity/oidc/key/k", body());
        vault.reset();
        assertThat(http.list("identity/oidc/key").data().get("keys").toString()).isEqualTo("[\"default\"]");
    }
}
