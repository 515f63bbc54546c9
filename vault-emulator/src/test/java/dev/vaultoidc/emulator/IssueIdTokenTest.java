package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/**
 * An ID token for an entity in one call: {@link VaultEmulator#issueIdToken} in Java, and the
 * three-request recipe of docs/emulator.md over HTTP (the same recipe answered the same way on
 * OpenBao 2.7.2).
 */
@EmulatorTest
class IssueIdTokenTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    IssueIdTokenTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private String introspect(String token) {
        return http.post("identity/oidc/introspect", body("token", token)).raw().body();
    }

    @Test
    void javaHelperCreatesTheEntityAndMintsAVerifiableToken() throws Exception {
        http.post("identity/oidc/role/app", body("key", "default"));

        String idToken = vault.issueIdToken("billing", "app");

        String entityId =
                http.get("identity/entity/name/billing").data().get("id").asText();
        SignedJWT jwt = SignedJWT.parse(idToken);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(entityId);
        assertThat(jwt.getJWTClaimsSet().getAudience())
                .containsExactly(http.get("identity/oidc/role/app")
                        .data()
                        .get("client_id")
                        .asText());
        assertThat(introspect(idToken)).isEqualTo("{\"active\":true}");
    }

    @Test
    void javaHelperReusesTheEntityAndItsTokenMountAlias() throws Exception {
        http.post("identity/oidc/role/app", body("key", "default"));
        String entityId = vault.createEntity("svc");
        String accessor =
                http.get("sys/auth").data().get("token/").get("accessor").asText();
        vault.createEntityAlias(entityId, accessor, "svc-alias");

        String first = vault.issueIdToken("SVC", "app");
        String second = vault.issueIdToken("svc", "app");

        assertThat(SignedJWT.parse(first).getJWTClaimsSet().getSubject()).isEqualTo(entityId);
        assertThat(SignedJWT.parse(second).getJWTClaimsSet().getSubject()).isEqualTo(entityId);
        assertThat(http.list("identity/entity-alias/id").data().get("keys").size())
                .isEqualTo(1);
        assertThat(http.get("auth/token/roles/" + VaultEmulator.ID_TOKEN_ROLE)
                        .data()
                        .get("allowed_entity_aliases")
                        .toString())
                .isEqualTo("[\"svc-alias\"]");
    }

    @Test
    void javaHelperLeavesTheOidcRoleToTheTestAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> vault.issueIdToken("billing", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role \"nope\" not found");

        http.post("identity/entity/name/off", body("disabled", true));
        http.post("identity/oidc/role/app", body("key", "default"));
        assertThatThrownBy(() -> vault.issueIdToken("off", "app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entity from given entity alias is disabled");
    }

    @Test
    void httpRecipeMintsAnIdTokenForAnEntity() throws Exception {
        // The recipe of docs/emulator.md, request by request.
        assertThat(http.post("identity/oidc/role/app", body("key", "default")).status())
                .isEqualTo(204);
        assertThat(http.post("auth/token/roles/id-token", body("allowed_entity_aliases", "billing", "orphan", true))
                        .status())
                .isEqualTo(204);
        VaultHttp.Resp created = http.post("auth/token/create/id-token", body("entity_alias", "billing"));
        String token = created.json().get("auth").get("client_token").asText();
        String entityId = created.json().get("auth").get("entity_id").asText();

        VaultHttp.Resp minted = http.as(token).get("identity/oidc/token/app");

        assertThat(minted.status()).isEqualTo(200);
        String idToken = minted.data().get("token").asText();
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getSubject()).isEqualTo(entityId);
        assertThat(http.as(token).get("identity/oidc/token/nope").errors()).containsExactly("role \"nope\" not found");
        assertThat(http.get("identity/oidc/token/app").errors())
                .containsExactly("no entity associated with the request's token");
        assertThat(introspect(idToken)).isEqualTo("{\"active\":true}");
    }
}
