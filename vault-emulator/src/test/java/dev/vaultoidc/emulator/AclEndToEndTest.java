package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workload as it runs in production: AppRole login with a narrow policy, an ID token for the one
 * role it may use, and 403 for everything else, including the identity admin paths.
 */
@EmulatorTest
class AclEndToEndTest {

    static final String WORKLOAD_POLICY = """
      path "identity/oidc/token/web" {
        capabilities = ["read"]
      }
      """;

    private final VaultEmulator vault;
    private final VaultHttp http;
    private VaultHttp workload;

    AclEndToEndTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    @BeforeEach
    void provision() {
        // What a provisioning script does with the root token, policy first.
        assertThat(http.post("sys/policy/web-workload", body("policy", WORKLOAD_POLICY))
                        .status())
                .isEqualTo(204);
        http.post("identity/oidc/key/k", body("allowed_client_ids", "*"));
        http.post("identity/oidc/role/web", body("key", "k", "ttl", "5m"));
        http.post("identity/oidc/role/admin", body("key", "k", "ttl", "5m"));
        vault.enableAuth("approle");
        http.post("auth/approle/role/svc", body("token_policies", "web-workload", "token_ttl", "1h"));
        String roleId =
                http.get("auth/approle/role/svc/role-id").data().get("role_id").asText();
        String secretId = http.post("auth/approle/role/svc/secret-id", body())
                .data()
                .get("secret_id")
                .asText();
        VaultHttp.Resp login = http.as(null).post("auth/approle/login", body("role_id", roleId, "secret_id", secretId));
        assertThat(login.json().get("auth").get("policies").toString()).isEqualTo("[\"default\",\"web-workload\"]");
        workload = http.as(login.json().get("auth").get("client_token").asText());
    }

    @Test
    void allowedRoleMintsAnIdToken() {
        VaultHttp.Resp r = workload.get("identity/oidc/token/web");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("token").asText()).startsWith("ey");
    }

    @Test
    void otherRoleIsForbidden() {
        VaultHttp.Resp r = workload.get("identity/oidc/token/admin");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errors()).containsExactly(AclEnforcementTest.DENIED);
    }

    @Test
    void identityAdminPathsAreForbidden() {
        assertThat(workload.post("identity/entity", body("name", "x")).status()).isEqualTo(403);
        assertThat(workload.list("identity/entity/id").status()).isEqualTo(403);
        assertThat(workload.post("identity/oidc/role/web", body("key", "k", "ttl", "24h"))
                        .status())
                .isEqualTo(403);
        assertThat(workload.get("identity/oidc/key/k").status()).isEqualTo(403);
        assertThat(workload.post("identity/oidc/introspect", body("token", "x")).status())
                .isEqualTo(403);
        assertThat(workload.post("sys/policy/web-workload", body("policy", "path \"*\" {capabilities=[\"sudo\"]}"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void capabilitiesSelfShowsThePolicyAsAUsersTestWouldCheckIt() {
        VaultHttp.Resp r = workload.post(
                "sys/capabilities-self",
                body("paths", List.of("identity/oidc/token/web", "identity/oidc/token/admin")));

        assertThat(r.data().get("identity/oidc/token/web").toString()).isEqualTo("[\"read\"]");
        assertThat(r.data().get("identity/oidc/token/admin").toString()).isEqualTo("[\"deny\"]");
    }

    @Test
    void grantingTheRoleThroughTheEntityTakesEffectAtOnce() {
        String entity =
                workload.get("auth/token/lookup-self").data().get("entity_id").asText();
        http.post(
                "sys/policy/admin-minter",
                body("policy", "path \"identity/oidc/token/admin\" { capabilities = [\"read\"] }"));
        http.post("identity/entity/id/" + entity, body("policies", List.of("admin-minter")));

        assertThat(workload.get("identity/oidc/token/admin").status()).isEqualTo(200);
    }
}
