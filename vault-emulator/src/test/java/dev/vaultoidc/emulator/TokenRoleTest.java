package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Token roles and {@code auth/token/create/:role} with {@code entity_alias} (spec §10). Every
 * expected text and shape here was first answered by OpenBao 2.7.2 to the same request.
 */
@EmulatorTest
class TokenRoleTest {

    private final VaultHttp http;

    TokenRoleTest(VaultHttp http) {
        this.http = http;
    }

    private String tokenAccessor() {
        return http.get("sys/auth").data().get("token/").get("accessor").asText();
    }

    @Test
    void roleIsWrittenSanitisedReadListedAndDeleted() {
        assertThat(http.list("auth/token/roles").status()).isEqualTo(404);

        VaultHttp.Resp write = http.post(
                "auth/token/roles/r3",
                Map.ofEntries(
                        Map.entry("allowed_policies", List.of("B", "a ", " a", "")),
                        Map.entry("disallowed_policies", "Root,x"),
                        Map.entry("allowed_entity_aliases", " Svc-* ,Y,,y"),
                        Map.entry("token_period", "1h"),
                        Map.entry("period", 60),
                        Map.entry("token_num_uses", 3),
                        Map.entry("token_bound_cidrs", "127.0.0.1/32"),
                        Map.entry("path_suffix", "abc"),
                        Map.entry("token_type", "service"),
                        Map.entry("renewable", false),
                        Map.entry("token_explicit_max_ttl", "2h"),
                        Map.entry("explicit_max_ttl", 30)));
        assertThat(write.status()).isEqualTo(200);
        assertThat(write.warnings())
                .containsExactly(
                        "Both 'token_period' and deprecated 'period' value supplied, ignoring the deprecated value",
                        "Both 'token_explicit_max_ttl' and deprecated 'explicit_max_ttl' value supplied, ignoring "
                                + "the deprecated value");

        JsonNode d = http.get("auth/token/roles/r3").data();
        assertThat(d.toString())
                .isEqualTo("{\"allowed_entity_aliases\":[\"svc-*\",\"y\"],"
                        + "\"allowed_policies\":[\"a\",\"b\"],\"allowed_policies_glob\":[],"
                        + "\"disallowed_policies\":[\"root\",\"x\"],\"disallowed_policies_glob\":[],"
                        + "\"explicit_max_ttl\":0,\"name\":\"r3\",\"orphan\":false,\"path_suffix\":\"abc\","
                        + "\"period\":0,\"renewable\":false,\"token_bound_cidrs\":[\"127.0.0.1\"],"
                        + "\"token_explicit_max_ttl\":7200,\"token_no_default_policy\":false,"
                        + "\"token_num_uses\":3,\"token_period\":3600,\"token_type\":\"service\"}");

        assertThat(http.post("auth/token/roles/plain", body("token_ttl", "1h")).status())
                .isEqualTo(204);
        JsonNode plain = http.get("auth/token/roles/plain").data();
        assertThat(plain.get("allowed_entity_aliases").isNull()).isTrue();
        assertThat(plain.get("token_type").asText()).isEqualTo("default-service");
        assertThat(plain.get("renewable").asBoolean()).isTrue();
        assertThat(plain.has("token_ttl")).isFalse();

        assertThat(http.list("auth/token/roles").data().get("keys").toString()).isEqualTo("[\"plain\",\"r3\"]");
        assertThat(http.delete("auth/token/roles/r3").status()).isEqualTo(204);
        assertThat(http.delete("auth/token/roles/r3").status()).isEqualTo(204);
        assertThat(http.get("auth/token/roles/r3").status()).isEqualTo(404);
        assertThat(http.post("auth/token/roles/bad!", Map.of()).error()).contains("unsupported path");
    }

    @Test
    void updateChangesOnlyWhatIsSuppliedAndDeprecatedAloneSetsBoth() {
        http.post("auth/token/roles/p", body("period", "2h", "explicit_max_ttl", "3h", "orphan", true));
        http.post("auth/token/roles/p", body("allowed_entity_aliases", ""));

        JsonNode d = http.get("auth/token/roles/p").data();
        assertThat(d.get("period").asLong()).isEqualTo(7200);
        assertThat(d.get("token_period").asLong()).isEqualTo(7200);
        assertThat(d.get("explicit_max_ttl").asLong()).isEqualTo(10800);
        assertThat(d.get("token_explicit_max_ttl").asLong()).isEqualTo(10800);
        assertThat(d.get("orphan").asBoolean()).isTrue();
        assertThat(d.get("allowed_entity_aliases").toString()).isEqualTo("[]");
    }

    @Test
    void badRoleWritesAnswerVaultsTexts() {
        assertThat(http.post("auth/token/roles/x", body("token_type", "bogus")).error())
                .isEqualTo("invalid 'token_type' value \"bogus\"");
        assertThat(http.post("auth/token/roles/x", body("token_type", "default"))
                        .error())
                .isEqualTo("invalid 'token_type' value \"default\"");
        assertThat(http.post("auth/token/roles/x", body("path_suffix", "a/b!")).error())
                .isEqualTo("given role path suffix contains invalid characters; must match \\w[\\w-.]+\\w");
        assertThat(http.post("auth/token/roles/x", body("path_suffix", "a..bc")).error())
                .isEqualTo("error registering path suffix: path cannot contain parent references");
        assertThat(http.post("auth/token/roles/x", body("orphan", "x")).error())
                .isEqualTo("error converting input for field \"orphan\": '' cannot parse value as 'bool': "
                        + "strconv.ParseBool: invalid syntax");
        assertThat(http.post("auth/token/roles/x", body("token_type", "batch")).error())
                .isEqualTo("'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
        assertThat(http.post("auth/token/roles/x", body("token_type", "batch", "orphan", true))
                        .error())
                .isEqualTo("'token_type' cannot be 'batch' when role is set to generate renewable tokens");
        assertThat(http.post(
                                "auth/token/roles/x",
                                body("token_type", "batch", "orphan", true, "period", 60, "renewable", false))
                        .error())
                .isEqualTo("'token_type' cannot be 'batch' when role is set to generate periodic tokens");
        assertThat(http.post("auth/token/roles/x", body("orphan", List.of(1))).error())
                .isEqualTo("error converting input for field \"orphan\": '' expected type 'bool', got "
                        + "unconvertible type '[]interface {}'");
        assertThat(http.post("auth/token/roles/x", body("path_suffix", List.of(1)))
                        .error())
                .isEqualTo("error converting input for field \"path_suffix\": '' expected type 'string', "
                        + "got unconvertible type '[]interface {}'");
        assertThat(http.post("auth/token/roles/x", body("period", "x")).error())
                .isEqualTo("error converting input for field \"period\": time: invalid duration \"x\"");
        assertThat(http.post("auth/token/roles/x", body("token_num_uses", "x")).error())
                .isEqualTo("error converting input for field \"token_num_uses\": '' cannot parse value as "
                        + "'int': strconv.ParseInt: invalid syntax");
        assertThat(http.post("auth/token/roles/x", body("token_num_uses", -1)).error())
                .isEqualTo("error parsing role fields: 'token_num_uses' cannot be negative");
        // OpenBao 2.7.2 panics and drops the connection here; the emulator answers instead.
        assertThat(http.post("auth/token/roles/x", body("token_type", 5)).error())
                .isEqualTo("invalid 'token_type' value \"5\"");
        assertThat(http.get("auth/token/roles/x").status()).isEqualTo(404);
        assertThat(http.post("auth/token/roles/x", body("path_suffix", "abc/def"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void entityAliasCreatesAnEntityOnceAndReusesItCaseInsensitively() {
        http.post(
                "auth/token/roles/r1",
                Map.of("allowed_policies", "a,b", "allowed_entity_aliases", List.of("svc-*", "exact"), "orphan", true));

        VaultHttp.Resp first = http.post("auth/token/create/r1", body("entity_alias", "SVC-One"));
        assertThat(first.status()).isEqualTo(200);
        JsonNode auth = first.json().get("auth");
        assertThat(auth.get("policies").toString()).isEqualTo("[\"a\",\"b\",\"default\"]");
        assertThat(auth.get("orphan").asBoolean()).isTrue();
        assertThat(first.warnings()).containsExactly("Policy \"a\" does not exist", "Policy \"b\" does not exist");
        String entityId = auth.get("entity_id").asText();
        assertThat(entityId).isNotEmpty();

        JsonNode aliases = http.list("identity/entity-alias/id").data().get("key_info");
        assertThat(aliases.size()).isEqualTo(1);
        JsonNode alias = aliases.elements().next();
        assertThat(alias.get("name").asText()).isEqualTo("SVC-One");
        assertThat(alias.get("canonical_id").asText()).isEqualTo(entityId);
        assertThat(alias.get("mount_accessor").asText()).isEqualTo(tokenAccessor());
        assertThat(alias.get("mount_type").asText()).isEqualTo("token");
        assertThat(alias.get("mount_path").asText()).isEqualTo("auth/token/");
        assertThat(http.get("identity/entity/id/" + entityId).data().get("name").asText())
                .matches("entity_[0-9a-f]{8}");

        VaultHttp.Resp again = http.post("auth/token/create/r1", body("entity_alias", "svc-one"));
        assertThat(again.json().get("auth").get("entity_id").asText()).isEqualTo(entityId);
        assertThat(http.list("identity/entity-alias/id").data().get("keys").size())
                .isEqualTo(1);

        String token = again.json().get("auth").get("client_token").asText();
        JsonNode self = http.as(token).get("auth/token/lookup-self").data();
        assertThat(self.get("entity_id").asText()).isEqualTo(entityId);
        assertThat(self.get("role").asText()).isEqualTo("r1");
        assertThat(self.get("path").asText()).isEqualTo("auth/token/create/r1");
    }

    @Test
    void anExistingEntityIsBoundThroughAnAliasOnTheTokenMount() {
        String entityId = http.post("identity/entity", body("name", "billing", "policies", "p1"))
                .data()
                .get("id")
                .asText();
        http.post(
                "identity/entity-alias",
                body("name", "billing", "canonical_id", entityId, "mount_accessor", tokenAccessor()));
        http.post("auth/token/roles/svc", body("allowed_entity_aliases", "billing"));

        JsonNode auth = http.post("auth/token/create/svc", body("entity_alias", "billing"))
                .json()
                .get("auth");

        assertThat(auth.get("entity_id").asText()).isEqualTo(entityId);
        assertThat(auth.get("identity_policies").toString()).isEqualTo("[\"p1\"]");
    }

    @Test
    void entityAliasRefusals() {
        http.post("auth/token/roles/r1", body("allowed_entity_aliases", "svc-*"));
        http.post("auth/token/roles/none", Map.of());
        http.post("auth/token/roles/empty", body("allowed_entity_aliases", ""));

        assertThat(http.post("auth/token/create/r1", body("entity_alias", "nomatch"))
                        .error())
                .isEqualTo("invalid 'entity_alias' value");
        assertThat(http.post("auth/token/create/none", body("entity_alias", "x"))
                        .error())
                .isEqualTo("invalid 'entity_alias' value");
        assertThat(http.post("auth/token/create/empty", body("entity_alias", "x"))
                        .error())
                .isEqualTo("invalid 'entity_alias' value");
        assertThat(http.post("auth/token/create/nope", body("entity_alias", "x"))
                        .error())
                .isEqualTo("unknown role nope");
        assertThat(http.post("auth/token/create", body("entity_alias", "x")).error())
                .isEqualTo("'entity_alias' is only allowed in combination with token role");
        assertThat(http.post("auth/token/create-orphan", body("entity_alias", "x"))
                        .error())
                .isEqualTo("'entity_alias' is only allowed in combination with token role");

        String disabled = http.post("identity/entity", body("name", "dis", "disabled", true))
                .data()
                .get("id")
                .asText();
        http.post(
                "identity/entity-alias",
                body("name", "svc-dis", "canonical_id", disabled, "mount_accessor", tokenAccessor()));
        VaultHttp.Resp refused = http.post("auth/token/create/r1", body("entity_alias", "svc-dis"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errors()).containsExactly("entity from given entity alias is disabled");
    }

    @Test
    void rolePoliciesAreEnforcedAfterTheAliasIsResolved() {
        http.post("auth/token/roles/r1", body("allowed_policies", "a,b", "allowed_entity_aliases", "*"));
        http.post("auth/token/roles/dg", body("disallowed_policies_glob", "x*", "allowed_policies_glob", "*"));
        http.post("auth/token/roles/nd", body("token_no_default_policy", true, "allowed_policies", "a"));

        VaultHttp.Resp subset = http.post("auth/token/create/r1", body("entity_alias", "late", "policies", "zzz"));
        assertThat(subset.error())
                .isEqualTo("token policies ([\"default\" \"zzz\"]) must be subset of "
                        + "the role's allowed policies ([\"a\" \"b\" \"default\"]) or glob policies ([])");
        // Vault resolves the alias first, so the failed request still left its entity behind.
        assertThat(http.list("identity/entity-alias/id").status()).isEqualTo(200);

        assertThat(http.post("auth/token/create/dg", body("policies", List.of("xa")))
                        .error())
                .isEqualTo("token policy \"xa\" is disallowed by this role");
        assertThat(http.post("auth/token/create/dg", Map.of())
                        .json()
                        .get("auth")
                        .get("policies")
                        .toString())
                .isEqualTo("[\"default\"]");
        assertThat(http.post("auth/token/create/nd", Map.of())
                        .json()
                        .get("auth")
                        .get("policies")
                        .toString())
                .isEqualTo("[\"a\"]");
    }

    @Test
    void roleWithoutAllowedPoliciesGivesARootParentsPolicies() {
        http.post("auth/token/roles/r2", Map.of());

        JsonNode auth = http.post("auth/token/create/r2", Map.of()).json().get("auth");

        assertThat(auth.get("policies").toString()).isEqualTo("[\"root\"]");
        assertThat(auth.get("lease_duration").asLong()).isZero();
        assertThat(auth.get("renewable").asBoolean()).isFalse();
        assertThat(auth.get("orphan").asBoolean()).isFalse();
    }

    @Test
    void periodicRoleTokenKeepsItsPeriodAndPathSuffix() {
        http.post(
                "auth/token/roles/per",
                body(
                        "allowed_policies",
                        "b",
                        "token_period",
                        "1h",
                        "token_num_uses",
                        3,
                        "renewable",
                        false,
                        "path_suffix",
                        "abc"));

        JsonNode auth =
                http.post("auth/token/create/per", body("policies", "b")).json().get("auth");

        assertThat(auth.get("lease_duration").asLong()).isEqualTo(3600);
        assertThat(auth.get("renewable").asBoolean()).isFalse();
        assertThat(auth.get("num_uses").asLong()).isEqualTo(3);
        JsonNode self = http.as(auth.get("client_token").asText())
                .get("auth/token/lookup-self")
                .data();
        assertThat(self.get("path").asText()).isEqualTo("auth/token/create/per/abc");
        // OpenBao 2.7.2's lookup of such a token shows no "period" key.
        assertThat(self.has("period")).isFalse();
    }
}
