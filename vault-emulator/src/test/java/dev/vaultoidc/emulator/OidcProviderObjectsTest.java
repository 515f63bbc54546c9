package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OIDC provider's four object kinds over HTTP (spec §9.1–§9.5). Every status and text here is
 * what OpenBao 2.7.2 answered to the same request, which matches Vault's code except where the
 * OPENBAO flavour tests say otherwise.
 */
@EmulatorTest
class OidcProviderObjectsTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    OidcProviderObjectsTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    static List<String> strings(JsonNode node) {
        return VaultHttp.JSON.convertValue(
                node, VaultHttp.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void builtInsExistAndCannotBeRemoved() {
        VaultHttp.Resp provider = http.get("identity/oidc/provider/default");
        assertThat(provider.status()).isEqualTo(200);
        assertThat(provider.data().toString())
                .isEqualTo("{\"allowed_client_ids\":[\"*\"],\"issuer\":\"" + vault.address()
                        + "/v1/identity/oidc/provider/default\",\"scopes_supported\":[]}");
        assertThat(strings(http.list("identity/oidc/assignment").data().get("keys")))
                .containsExactly("allow_all");
        assertThat(http.get("identity/oidc/assignment/allow_all").data().toString())
                .isEqualTo("{\"entity_ids\":[\"*\"],\"group_ids\":[\"*\"]}");

        assertThat(http.post("identity/oidc/assignment/allow_all", body()).error())
                .isEqualTo("modification of assignment \"allow_all\" not allowed");
        assertThat(http.delete("identity/oidc/assignment/allow_all").error())
                .isEqualTo("deletion of assignment \"allow_all\" not allowed");
        assertThat(http.delete("identity/oidc/provider/default").error())
                .isEqualTo("deletion of OIDC provider \"default\" not allowed");
        assertThat(http.post("identity/oidc/provider/default", body("scopes_supported", ""))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void emptyListsAndMissingObjects() {
        for (String kind : List.of("client", "scope")) {
            VaultHttp.Resp list = http.list("identity/oidc/" + kind);
            assertThat(list.status()).isEqualTo(404);
            assertThat(list.errors()).isEmpty();
        }
        for (String kind : List.of("client", "scope", "assignment", "provider")) {
            assertThat(http.get("identity/oidc/" + kind + "/nope").status()).isEqualTo(404);
            assertThat(http.delete("identity/oidc/" + kind + "/nope").status()).isEqualTo(204);
        }
    }

    @Test
    void assignmentsLowerCaseSortAndDeduplicateIds() {
        assertThat(http.post("identity/oidc/assignment/a1", body("entity_ids", "B , a,A.X.Y,b", "group_ids", ""))
                        .status())
                .isEqualTo(204);
        assertThat(http.get("identity/oidc/assignment/a1").data().toString())
                .isEqualTo("{\"entity_ids\":[\"a\",\"a.x.y\",\"b\"],\"group_ids\":[]}");
        // An update keeps what it does not mention.
        http.post("identity/oidc/assignment/a1", body("group_ids", List.of("G2", "g1")));
        assertThat(http.get("identity/oidc/assignment/a1").data().toString())
                .isEqualTo("{\"entity_ids\":[\"a\",\"a.x.y\",\"b\"],\"group_ids\":[\"g1\",\"g2\"]}");
        assertThat(strings(http.list("identity/oidc/assignment").data().get("keys")))
                .containsExactly("a1", "allow_all");
    }

    @Test
    void anAssignmentInUseCannotBeDeleted() {
        http.post("identity/oidc/assignment/a1", body("entity_ids", "e1"));
        http.post("identity/oidc/client/c1", body("assignments", "a1"));
        http.post("identity/oidc/client/p1", body("assignments", "a1,allow_all", "client_type", "public"));
        assertThat(http.delete("identity/oidc/assignment/a1").error())
                .isEqualTo(
                        "unable to delete assignment \"a1\" because it is currently referenced by these clients: c1, p1");
        http.delete("identity/oidc/client/c1");
        http.delete("identity/oidc/client/p1");
        assertThat(http.delete("identity/oidc/assignment/a1").status()).isEqualTo(204);
    }

    @Test
    void scopesValidateTheirTemplates() {
        assertThat(http.post("identity/oidc/scope/openid", body("template", "{}"))
                        .error())
                .isEqualTo("the \"openid\" scope name is reserved");
        assertThat(http.post("identity/oidc/scope/bad", body("template", "{\"sub\":1}"))
                        .error())
                .isEqualTo("top level key \"sub\" not allowed. Restricted keys: iat, aud, exp, iss, sub, namespace, "
                        + "nonce, auth_time, at_hash, c_hash");
        assertThat(http.post("identity/oidc/scope/bad", body("template", "{\"a\":{{identity.nope}}}"))
                        .error())
                .isEqualTo("error parsing template: no value could be found for one of the template directives");
        assertThat(http.post("identity/oidc/scope/bad", body("template", "{nojson"))
                        .error())
                .isEqualTo(
                        "error parsing template JSON: invalid character 'n' looking for beginning of object key string");

        String template = "{\"groups\": {{identity.entity.groups.names}}, \"x\":1}";
        assertThat(http.post("identity/oidc/scope/s1", body("template", template, "description", "d"))
                        .status())
                .isEqualTo(204);
        assertThat(http.get("identity/oidc/scope/s1").data().toString())
                .isEqualTo("{\"description\":\"d\",\"template\":" + VaultHttp.JSON.valueToTree(template) + "}");
        // base64 templates are stored decoded
        http.post(
                "identity/oidc/scope/s2",
                body("template", java.util.Base64.getEncoder().encodeToString("{\"y\":2}".getBytes())));
        assertThat(http.get("identity/oidc/scope/s2").data().get("template").asText())
                .isEqualTo("{\"y\":2}");
        assertThat(strings(http.list("identity/oidc/scope").data().get("keys"))).containsExactly("s1", "s2");
    }

    @Test
    void aScopeInUseCannotBeDeleted() {
        http.post("identity/oidc/scope/s1", body("template", "{\"a\":1}"));
        http.post("identity/oidc/provider/p1", body("scopes_supported", "s1"));
        http.post("identity/oidc/provider/p2", body("scopes_supported", "s1"));
        assertThat(http.delete("identity/oidc/scope/s1").error())
                .isEqualTo(
                        "unable to delete scope \"s1\" because it is currently referenced by these providers: p1, p2");
    }

    @Test
    void clientsGetIdsSecretsAndDefaults() {
        http.post("identity/oidc/assignment/a1", body("entity_ids", "e1"));
        assertThat(http.post(
                                "identity/oidc/client/c1",
                                body(
                                        "redirect_uris",
                                        "http://x/cb,http://a/cb",
                                        "assignments",
                                        "a1,allow_all",
                                        "zz",
                                        1))
                        .status())
                .isEqualTo(204);
        JsonNode c1 = http.get("identity/oidc/client/c1").data();
        assertThat(strings(VaultHttp.JSON.valueToTree(iterable(c1.fieldNames()))))
                .containsExactly(
                        "access_token_ttl",
                        "assignments",
                        "client_id",
                        "client_secret",
                        "client_type",
                        "id_token_ttl",
                        "key",
                        "redirect_uris");
        assertThat(c1.get("client_id").asText()).matches("[0-9A-Za-z]{32}");
        assertThat(c1.get("client_secret").asText()).matches("hvo_secret_[0-9A-Za-z]{64}");
        assertThat(c1.get("access_token_ttl").asLong()).isEqualTo(86400);
        assertThat(c1.get("id_token_ttl").asLong()).isEqualTo(86400);
        assertThat(c1.get("key").asText()).isEqualTo("default");
        assertThat(c1.get("client_type").asText()).isEqualTo("confidential");
        assertThat(strings(c1.get("redirect_uris"))).containsExactly("http://a/cb", "http://x/cb");
        assertThat(strings(c1.get("assignments"))).containsExactly("a1", "allow_all");

        // Stable across updates; public clients have no secret; the list has no secrets.
        http.post("identity/oidc/client/c1", body("id_token_ttl", "1h"));
        JsonNode again = http.get("identity/oidc/client/c1").data();
        assertThat(again.get("client_id")).isEqualTo(c1.get("client_id"));
        assertThat(again.get("client_secret")).isEqualTo(c1.get("client_secret"));
        assertThat(again.get("id_token_ttl").asLong()).isEqualTo(3600);
        http.post("identity/oidc/client/p1", body("client_type", "public"));
        assertThat(http.get("identity/oidc/client/p1").data().has("client_secret"))
                .isFalse();
        VaultHttp.Resp listed = http.list("identity/oidc/client");
        assertThat(listed.raw().body()).contains("\"data\":{\"key_info\":{"); // Go's sorted map order
        JsonNode list = listed.data();
        assertThat(strings(list.get("keys"))).containsExactly("c1", "p1");
        assertThat(list.get("key_info").get("c1").has("client_secret")).isFalse();
        assertThat(list.get("key_info").get("c1").get("client_id")).isEqualTo(c1.get("client_id"));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void clientValidationErrors() {
        assertThat(http.post("identity/oidc/client/c1", body("assignments", "nope"))
                        .error())
                .isEqualTo("assignment \"nope\" does not exist");
        assertThat(http.post("identity/oidc/client/c1", body("key", "nokey")).error())
                .isEqualTo("key \"nokey\" does not exist");
        assertThat(http.post("identity/oidc/client/c1", body("client_type", "weird"))
                        .error())
                .isEqualTo("invalid client_type \"weird\"");
        assertThat(http.post("identity/oidc/client/c1", body("id_token_ttl", "48h"))
                        .error())
                .isEqualTo(
                        "a client's id_token_ttl cannot be greater than the verification_ttl of the key it references");
        assertThat(http.post("identity/oidc/client/c1", body("id_token_ttl", "24h"))
                        .status())
                .isEqualTo(204);
        assertThat(http.post("identity/oidc/client/c1", body("key", "other")).error())
                .isEqualTo("key modification is not allowed");
        assertThat(http.post("identity/oidc/client/c1", body("key", "default")).status())
                .isEqualTo(204);
        assertThat(http.post("identity/oidc/client/c1", body("client_type", "bad"))
                        .error())
                .isEqualTo("client_type modification is not allowed");
        assertThat(http.post("identity/oidc/client/c1", body("client_type", "public"))
                        .error())
                .isEqualTo("client_type modification is not allowed");
        assertThat(http.post("identity/oidc/client/c1", body("client_type", "confidential"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aKeyReferencedByAClientCannotBeDeletedNorItsVerificationTtlLowered() {
        http.post("identity/oidc/key/k2", body("allowed_client_ids", "*"));
        assertThat(http.post("identity/oidc/client/c2", body("key", "k2", "id_token_ttl", "1h"))
                        .status())
                .isEqualTo(204);
        assertThat(http.delete("identity/oidc/key/k2").error())
                .isEqualTo("unable to delete key \"k2\" because it is currently referenced by these clients: c2");
        assertThat(http.post("identity/oidc/key/k2", body("verification_ttl", "30m"))
                        .error())
                .isEqualTo("unable to update key \"k2\" because it is currently referenced by one or more clients "
                        + "with an id_token_ttl greater than 1800 seconds");
        assertThat(http.post("identity/oidc/key/k2", body("verification_ttl", "1h"))
                        .status())
                .isEqualTo(204);
        http.delete("identity/oidc/client/c2");
        assertThat(http.delete("identity/oidc/key/k2").status()).isEqualTo(204);
    }

    @Test
    void providersValidateIssuerAndScopesAndWarnOnConflicts() {
        http.post(
                "identity/oidc/scope/s1", body("template", "{\"groups\": {{identity.entity.groups.names}}, \"x\":1}"));
        http.post("identity/oidc/scope/s2", body("template", "{\"x\": {{identity.entity.name}} }"));
        assertThat(http.post("identity/oidc/provider/p1", body("issuer", "http://h:1/"))
                        .error())
                .isEqualTo("invalid issuer, which must include only a scheme, host, and optional port "
                        + "(e.g. https://example.com:8200)");
        assertThat(http.post("identity/oidc/provider/p1", body("scopes_supported", "s1,nope"))
                        .error())
                .isEqualTo("scope \"nope\" does not exist");
        assertThat(http.post("identity/oidc/provider/p1", body("scopes_supported", "openid"))
                        .error())
                .isEqualTo("scope \"openid\" does not exist");

        VaultHttp.Resp write = http.post(
                "identity/oidc/provider/p1",
                body("issuer", "http://h:1", "scopes_supported", "s2,s1", "allowed_client_ids", "zz,aa"));
        assertThat(write.status()).isEqualTo(200);
        assertThat(write.data().isNull()).isTrue();
        assertThat(write.warnings())
                .containsExactly(
                        OidcEngine.ISSUER_WARNING,
                        "Found scope templates with conflicting top-level keys: conflict \"x\" in scopes \"s2\", \"s1\". "
                                + "This may result in an error if the scopes are requested in an OIDC Authentication Request.");
        assertThat(http.get("identity/oidc/provider/p1").data().toString())
                .isEqualTo(
                        "{\"allowed_client_ids\":[\"aa\",\"zz\"],\"issuer\":\"http://h:1/v1/identity/oidc/provider/p1\","
                                + "\"scopes_supported\":[\"s1\",\"s2\"]}");
        // The stored issuer and scopes are checked and warned about again on every write.
        assertThat(http.post("identity/oidc/provider/p1", body("allowed_client_ids", "aa"))
                        .warnings())
                .hasSize(2)
                .startsWith(OidcEngine.ISSUER_WARNING);
        assertThat(http.post("identity/oidc/provider/p2", body()).status()).isEqualTo(204);
        assertThat(http.get("identity/oidc/provider/p2").data().toString())
                .isEqualTo("{\"allowed_client_ids\":[],\"issuer\":\"" + vault.address()
                        + "/v1/identity/oidc/provider/p2\",\"scopes_supported\":[]}");
    }

    @Test
    void everyClashWarnsAgainstTheLastScopeWithTheKey() {
        http.post("identity/oidc/scope/m1", body("template", "{\"b\":2,\"a\":1}"));
        http.post("identity/oidc/scope/m2", body("template", "{\"a\":1,\"b\":2}"));
        http.post("identity/oidc/scope/m3", body("template", "{\"b\":1}"));
        String tail = ". This may result in an error if the scopes are requested in an OIDC Authentication Request.";
        assertThat(http.post("identity/oidc/provider/pm", body("scopes_supported", "m3,m1,m2"))
                        .warnings())
                .containsExactly(
                        "Found scope templates with conflicting top-level keys: conflict \"a\" in scopes \"m2\", \"m1\""
                                + tail,
                        "Found scope templates with conflicting top-level keys: conflict \"b\" in scopes \"m2\", \"m1\""
                                + tail,
                        "Found scope templates with conflicting top-level keys: conflict \"b\" in scopes \"m3\", \"m2\""
                                + tail);
    }

    @Test
    void providersListFilteredByAllowedClientId() {
        http.post("identity/oidc/provider/p1", body("allowed_client_ids", "aa,zz"));
        http.post("identity/oidc/provider/p2", body("allowed_client_ids", "bb"));
        assertThat(strings(http.list("identity/oidc/provider").data().get("keys")))
                .containsExactly("default", "p1", "p2");
        JsonNode aa = http.list("identity/oidc/provider?allowed_client_id=aa").data();
        assertThat(strings(aa.get("keys"))).containsExactly("default", "p1");
        assertThat(aa.get("key_info").get("p1").get("issuer").asText())
                .isEqualTo(vault.address() + "/v1/identity/oidc/provider/p1");
        assertThat(strings(http.list("identity/oidc/provider?allowed_client_id=qq")
                        .data()
                        .get("keys")))
                .containsExactly("default");
        http.post("identity/oidc/provider/default", body("allowed_client_ids", "bb"));
        assertThat(http.list("identity/oidc/provider?allowed_client_id=qq").status())
                .isEqualTo(404);
        assertThat(http.delete("identity/oidc/provider/p2").status()).isEqualTo(204);
    }
}
