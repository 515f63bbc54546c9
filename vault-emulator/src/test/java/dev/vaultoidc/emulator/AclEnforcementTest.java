package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ACL enforcement over HTTP: which policies a token carries, create vs update, LIST, sudo,
 * parameters, wrapping TTLs, identity policies and the off switch. Expected answers are the ones
 * OpenBao 2.7.2 gave for the same policy and request.
 */
@EmulatorTest
class AclEnforcementTest {

    static final String DENIED = "1 error occurred:\n\t* permission denied\n\n";

    private final VaultEmulator vault;
    private final VaultHttp http;

    AclEnforcementTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private VaultHttp token(String... policies) {
        return http.as(vault.createToken(null, policies));
    }

    @Test
    void tokenWithoutAMatchingRuleGetsVaultsExact403() {
        VaultHttp.Resp r = token().get("identity/entity/id?list=true");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.raw().body()).isEqualTo("{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
    }

    @Test
    void refusalComesBeforeTheRoutersUnknownPath() {
        assertThat(token().get("nonexistent/mount").status()).isEqualTo(403);
        assertThat(http.get("nonexistent/mount").status()).isEqualTo(404);
    }

    @Test
    void defaultPolicyCoversSelfPaths() {
        VaultHttp t = token();

        assertThat(t.get("auth/token/lookup-self").status()).isEqualTo(200);
        assertThat(t.post("auth/token/renew-self", body()).status()).isEqualTo(200);
        assertThat(t.post("sys/capabilities-self", body("paths", List.of("x"))).status())
                .isEqualTo(200);
        assertThat(t.post("auth/token/lookup", body("token", "x")).status()).isEqualTo(403);
        assertThat(t.post("auth/token/revoke-self", body()).status()).isEqualTo(204);
    }

    @Test
    void noDefaultPolicyMeansNoSelfPaths() {
        vault.writePolicy("p", "path \"auth/token/create\" { capabilities = [\"update\"] }");
        String parent = vault.createToken(null, "p");
        String child = http.as(parent)
                .post("auth/token/create", body("policies", List.of("p"), "no_default_policy", true))
                .json()
                .get("auth")
                .get("client_token")
                .asText();

        assertThat(http.as(child).get("auth/token/lookup-self").status()).isEqualTo(403);
    }

    @Test
    void createOnlyAndUpdateOnlyFollowTheExistenceCheck() {
        vault.writePolicy("c", "path \"identity/oidc/key/*\" { capabilities = [\"create\"] }");
        vault.writePolicy("u", "path \"identity/oidc/key/*\" { capabilities = [\"update\"] }");
        http.post("identity/oidc/key/existing", body());

        assertThat(token("c").post("identity/oidc/key/fresh", body()).status()).isEqualTo(204);
        assertThat(token("c").post("identity/oidc/key/existing", body()).status())
                .isEqualTo(403);
        assertThat(token("u").post("identity/oidc/key/other", body()).status()).isEqualTo(403);
        assertThat(token("u").post("identity/oidc/key/existing", body()).status())
                .isEqualTo(204);
    }

    @Test
    void writesWithoutExistenceCheckAreUpdates() {
        vault.writePolicy("c", "path \"identity/entity\" { capabilities = [\"create\"] }");
        vault.writePolicy("u", "path \"identity/entity\" { capabilities = [\"update\"] }");

        assertThat(token("c").post("identity/entity", body("name", "a")).status())
                .isEqualTo(403);
        assertThat(token("u").post("identity/entity", body("name", "a")).status())
                .isEqualTo(200);
    }

    @Test
    void listNeedsListOnTheSlashedPathAndReadIsNotList() {
        http.post("identity/entity", body("name", "a"));
        vault.writePolicy("l", "path \"identity/entity/name/\" { capabilities = [\"list\"] }");
        vault.writePolicy("r", "path \"identity/entity/name\" { capabilities = [\"read\"] }");

        assertThat(token("l").list("identity/entity/name").status()).isEqualTo(200);
        assertThat(token("l").get("identity/entity/name?list=true").status()).isEqualTo(200);
        assertThat(token("r").list("identity/entity/name").status()).isEqualTo(403);
    }

    @Test
    void listRuleWithoutSlashAlsoMatches() {
        http.post("identity/entity", body("name", "a"));
        vault.writePolicy("l", "path \"identity/entity/name\" { capabilities = [\"list\"] }");

        assertThat(token("l").list("identity/entity/name").status()).isEqualTo(200);
    }

    @Test
    void sudoPathsNeedSudoToo() {
        vault.writePolicy(
                "plain",
                "path \"sys/auth/*\" { capabilities = [\"create\", \"update\", \"read\"] }\n"
                        + "path \"sys/auth\" { capabilities = [\"read\"] }");
        vault.writePolicy("sudo", "path \"sys/auth/*\" { capabilities = [\"create\", \"update\", \"sudo\"] }");

        assertThat(token("plain")
                        .post("sys/auth/approle", body("type", "approle"))
                        .status())
                .isEqualTo(403);
        assertThat(token("plain").get("sys/auth").status()).isEqualTo(200);
        assertThat(token("sudo")
                        .post("sys/auth/approle", body("type", "approle"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void denyWinsOverAGlob() {
        vault.writePolicy(
                "p",
                "path \"identity/*\" { capabilities = [\"read\", \"update\"] }\n"
                        + "path \"identity/group\" { capabilities = [\"deny\"] }");

        assertThat(token("p").post("identity/entity", body("name", "a")).status())
                .isEqualTo(200);
        assertThat(token("p").post("identity/group", body("name", "g")).status())
                .isEqualTo(403);
    }

    @Test
    void plusSegmentWildcard() {
        vault.writePolicy("p", "path \"identity/oidc/+/r1\" { capabilities = [\"read\"] }");
        http.post("identity/oidc/key/k", body("allowed_client_ids", "*"));
        http.post("identity/oidc/role/r1", body("key", "k"));
        http.post("identity/oidc/role/r2", body("key", "k"));

        assertThat(token("p").get("identity/oidc/role/r1").status()).isEqualTo(200);
        assertThat(token("p").get("identity/oidc/role/r2").status()).isEqualTo(403);
    }

    @Test
    void parameterConstraints() {
        vault.writePolicy("p", """
        path "identity/entity" {
          capabilities = ["update"]
          allowed_parameters = { "name" = ["svc-*"], "metadata" = [] }
          denied_parameters = { "policies" = [] }
        }
        """);
        VaultHttp t = token("p");

        assertThat(t.post("identity/entity", body("name", "svc-a")).status()).isEqualTo(200);
        assertThat(t.post("identity/entity", body("name", "other")).status()).isEqualTo(403);
        assertThat(t.post("identity/entity", body("name", "svc-b", "disabled", false))
                        .status())
                .isEqualTo(403);
        assertThat(t.post("identity/entity", body("name", "svc-c", "policies", List.of("root")))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void requiredParameters() {
        vault.writePolicy(
                "p",
                "path \"identity/entity\" { capabilities = [\"update\"] " + "required_parameters = [\"metadata\"] }");

        assertThat(token("p").post("identity/entity", body("name", "a")).status())
                .isEqualTo(403);
        assertThat(token("p")
                        .post("identity/entity", body("name", "a", "metadata", "k=v"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wrappingTtlBoundsReadTheWrapHeader() {
        vault.writePolicy(
                "p",
                "path \"auth/token/lookup-self\" { capabilities = [\"read\"] "
                        + "min_wrapping_ttl = \"1m\" max_wrapping_ttl = \"1h\" }");
        String t = vault.createToken(null, "p");

        assertThat(http.as(t).get("auth/token/lookup-self").status()).isEqualTo(403);
        assertThat(wrapped(t, "30m")).isEqualTo(200);
        assertThat(wrapped(t, "2h")).isEqualTo(403);
        assertThat(wrapped(t, "10")).isEqualTo(403);
    }

    private int wrapped(String token, String ttl) {
        return VaultHttp.exchange(HttpRequest.newBuilder(URI.create(vault.address() + "/v1/auth/token/lookup-self"))
                        .header("X-Vault-Token", token)
                        .header("X-Vault-Wrap-TTL", ttl)
                        .GET()
                        .build())
                .status();
    }

    @Test
    void appRoleTokenPoliciesApply() {
        vault.enableAuth("approle");
        vault.writePolicy("reader", "path \"identity/entity/name\" { capabilities = [\"list\"] }");
        http.post("auth/approle/role/web", body("token_policies", "reader"));
        http.post("auth/approle/role/bare", body("token_no_default_policy", true));
        http.post("identity/entity", body("name", "a"));

        VaultHttp web = http.as(login("web"));
        VaultHttp bare = http.as(login("bare"));

        assertThat(web.list("identity/entity/name").status()).isEqualTo(200);
        assertThat(web.get("auth/token/lookup-self").status()).isEqualTo(200);
        assertThat(bare.get("auth/token/lookup-self").status()).isEqualTo(403);
    }

    private String login(String role) {
        String roleId = http.get("auth/approle/role/" + role + "/role-id")
                .data()
                .get("role_id")
                .asText();
        String secretId = http.post("auth/approle/role/" + role + "/secret-id", body())
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
    void entityAndGroupPoliciesApplyPerRequestThroughParentGroups() {
        vault.writePolicy("groups", "path \"identity/group/name\" { capabilities = [\"list\"] }");
        vault.writePolicy("entities", "path \"identity/entity/name\" { capabilities = [\"list\"] }");
        String entity = vault.createEntity("svc");
        VaultHttp t = http.as(vault.createToken(entity));

        assertThat(t.list("identity/entity/name").status()).isEqualTo(403);
        http.post("identity/entity/id/" + entity, body("policies", List.of("entities")));
        assertThat(t.list("identity/entity/name").status()).isEqualTo(200);

        assertThat(t.list("identity/group/name").status()).isEqualTo(403);
        String child = http.post("identity/group", body("name", "child", "member_entity_ids", List.of(entity)))
                .data()
                .get("id")
                .asText();
        http.post(
                "identity/group",
                body("name", "parent", "policies", List.of("groups"), "member_group_ids", List.of(child)));
        assertThat(t.list("identity/group/name").status()).isEqualTo(200);

        http.post("identity/entity/id/" + entity, body("policies", List.of()));
        assertThat(t.list("identity/entity/name").status()).isEqualTo(403);
    }

    @Test
    void defaultPolicyTemplatesLetAnEntityReadItselfOnly() {
        String me = vault.createEntity("me");
        String other = vault.createEntity("other");
        VaultHttp t = http.as(vault.createToken(me));

        assertThat(t.get("identity/entity/id/" + me).status()).isEqualTo(200);
        assertThat(t.get("identity/entity/name/me").status()).isEqualTo(200);
        assertThat(t.get("identity/entity/id/" + other).status()).isEqualTo(403);
        assertThat(t.get("identity/entity/name/other").status()).isEqualTo(403);
    }

    @Test
    void templatedPathsSeeTheEntitysMetadata() {
        vault.writePolicy(
                "team",
                "path \"identity/group/name/{{identity.entity.metadata.team}}\" " + "{ capabilities = [\"read\"] }");
        String me = vault.createEntity("me");
        http.post("identity/entity/id/" + me, body("metadata", "team=blue", "policies", List.of("team")));
        http.post("identity/group", body("name", "blue"));
        http.post("identity/group", body("name", "red"));
        VaultHttp t = http.as(vault.createToken(me));

        assertThat(t.get("identity/group/name/blue").status()).isEqualTo(200);
        assertThat(t.get("identity/group/name/red").status()).isEqualTo(403);
    }

    @Test
    void unauthenticatedPathsNeedNoPolicy() {
        VaultHttp t = token();

        assertThat(t.get("sys/health").status()).isEqualTo(200);
        assertThat(t.get("identity/oidc/.well-known/openid-configuration").status())
                .isEqualTo(200);
    }

    @Test
    void policyAdminNeedsItsOwnRules() {
        vault.writePolicy("admin", "path \"sys/policy/*\" { capabilities = [\"read\", \"update\"] }");

        assertThat(token().post("sys/policy/x", body("policy", "")).status()).isEqualTo(403);
        assertThat(token("admin")
                        .post("sys/policy/x", body("policy", "path \"a\" {capabilities=[\"read\"]}"))
                        .status())
                .isEqualTo(204);
        assertThat(token("admin").get("sys/policy").status()).isEqualTo(403);
        assertThat(token("admin").delete("sys/policy/x").status()).isEqualTo(403);
    }

    /** Vault 1.20 tries the globs of {@code a/b} first for LIST {@code a/b/}; OpenBao fixed that. */
    static final String LIST_POLICY = "path \"identity/*\" { capabilities = [\"list\"] }\n"
            + "path \"identity/entity/name/*\" { capabilities = [\"deny\"] }";

    @Test
    void vaultFlavourLetsTheParentGlobListADeniedFolder() {
        http.post("identity/entity", body("name", "a"));
        vault.writePolicy("p", LIST_POLICY);

        assertThat(token("p").list("identity/entity/name").status()).isEqualTo(200);
    }

    @Test
    void builderSwitchesEnforcementOff() {
        try (VaultEmulator off =
                VaultEmulator.builder().aclEnforcement(false).build().start()) {
            String t = off.createToken(null);
            assertThat(new VaultHttp(off)
                            .as(t)
                            .post("identity/entity", body("name", "a"))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(vault.aclEnforcement()).isTrue();
    }

    @Test
    void tokenCreateWarnsAboutPoliciesTheStoreDoesNotHold() {
        vault.writePolicy("known", "path \"a\" { capabilities = [\"read\"] }");

        VaultHttp.Resp r = http.post("auth/token/create", body("policies", List.of("known", "unknown")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.warnings()).containsExactly("Policy \"unknown\" does not exist");
        assertThat(http.post("auth/token/create", body("policies", List.of("known")))
                        .warnings())
                .isEmpty();
    }

    @Test
    void expiredTokenStillGets403Unchanged() {
        String t = vault.createToken(null, Duration.ofMinutes(1));
        vault.clock().advance(Duration.ofMinutes(2));

        assertThat(http.as(t).get("auth/token/lookup-self").status()).isEqualTo(403);
    }
}
