package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sys/policy} and {@code sys/policies/acl}: each answer here is the one OpenBao 2.7.2 gave to
 * the same request (curl against {@code bao server -dev}), Vault's key set for the VAULT flavour.
 */
@EmulatorTest
class PolicyPathsTest {

    private static final String READ_A = "path \"a\" { capabilities = [\"read\"] }";

    private final VaultHttp http;

    PolicyPathsTest(VaultHttp http) {
        this.http = http;
    }

    private static List<String> strings(JsonNode array) {
        return VaultHttp.JSON.convertValue(
                array, VaultHttp.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void writeLowerCasesTheNameAndReadReturnsTheTextAlsoAtTopLevel() {
        assertThat(http.post("sys/policy/MyPol", body("policy", READ_A)).status())
                .isEqualTo(204);

        VaultHttp.Resp r = http.get("sys/policy/mypol");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("name").asText()).isEqualTo("mypol");
        assertThat(r.data().get("rules").asText()).isEqualTo(READ_A);
        assertThat(r.json().get("rules").asText()).isEqualTo(READ_A);
        assertThat(r.json().get("name").asText()).isEqualTo("mypol");
        assertThat(http.get("sys/policy/MYPOL").data().get("name").asText()).isEqualTo("mypol");
    }

    @Test
    void aclPathReadsPolicyWithoutTopLevelCopy() {
        http.post("sys/policies/acl/p1", body("policy", READ_A));

        VaultHttp.Resp r = http.get("sys/policies/acl/p1");

        assertThat(r.data().get("policy").asText()).isEqualTo(READ_A);
        assertThat(r.data().get("name").asText()).isEqualTo("p1");
        assertThat(r.json().has("policy")).isFalse();
        assertThat(r.json().has("name")).isFalse();
    }

    @Test
    void listsSortNamesWithRootLastAndHideResponseWrapping() {
        http.post("sys/policy/zeta", body("policy", READ_A));
        http.post("sys/policy/alpha", body("policy", READ_A));

        VaultHttp.Resp legacy = http.get("sys/policy");
        assertThat(strings(legacy.data().get("keys"))).containsExactly("alpha", "default", "zeta", "root");
        assertThat(strings(legacy.data().get("policies"))).containsExactly("alpha", "default", "zeta", "root");
        assertThat(strings(legacy.json().get("policies"))).containsExactly("alpha", "default", "zeta", "root");
        assertThat(strings(http.list("sys/policy").data().get("keys")))
                .containsExactly("alpha", "default", "zeta", "root");
        assertThat(strings(http.get("sys/policy?list=true").data().get("keys")))
                .containsExactly("alpha", "default", "zeta", "root");

        VaultHttp.Resp acl = http.list("sys/policies/acl");
        assertThat(strings(acl.data().get("keys"))).containsExactly("alpha", "default", "zeta", "root");
        assertThat(acl.data().has("policies")).isFalse();
        assertThat(acl.json().has("keys")).isFalse();
    }

    @Test
    void getOfThePoliciesAclListIsUnsupported() {
        VaultHttp.Resp r = http.get("sys/policies/acl");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.errors()).containsExactly("1 error occurred:\n\t* unsupported operation\n\n");
        assertThat(http.post("sys/policy", body("policy", READ_A)).status()).isEqualTo(405);
    }

    @Test
    void rootReadsAsEmptyAndUnknownIs404() {
        assertThat(http.get("sys/policy/root").data().get("rules").asText()).isEmpty();
        VaultHttp.Resp unknown = http.get("sys/policy/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errors()).isEmpty();
        assertThat(http.get("sys/policies/acl/nope").status()).isEqualTo(404);
        assertThat(http.get("sys/policy/response-wrapping").status()).isEqualTo(404);
    }

    @Test
    void rulesIsDeprecatedOnTheLegacyPathOnly() {
        VaultHttp.Resp r = http.post("sys/policy/r2", body("rules", READ_A));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.warnings()).containsExactly("'rules' is deprecated, please use 'policy' instead");
        assertThat(r.data().isNull()).isTrue();
        assertThat(http.get("sys/policy/r2").data().get("rules").asText()).isEqualTo(READ_A);

        VaultHttp.Resp acl = http.post("sys/policies/acl/x", body("rules", READ_A));
        assertThat(acl.status()).isEqualTo(400);
        assertThat(acl.errors()).containsExactly("'policy' parameter not supplied or empty");
    }

    @Test
    void missingOrEmptyPolicyIsRefused() {
        assertThat(http.post("sys/policy/x", body()).errors())
                .containsExactly("'policy' parameter not supplied or empty");
        assertThat(http.post("sys/policies/acl/x", body("policy", "")).status()).isEqualTo(400);
        // Whitespace is a valid (empty) policy.
        assertThat(http.post("sys/policies/acl/x", body("policy", "  ")).status())
                .isEqualTo(204);
    }

    @Test
    void invalidPolicyIsRefusedWithTheParsersText() {
        VaultHttp.Resp r = http.post("sys/policy/x", body("policy", "path \"a\" { capabilities = [\"reed\"] }"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors()).containsExactly("failed to parse policy: path \"a\": invalid capability \"reed\"");
        assertThat(http.get("sys/policy/x").status()).isEqualTo(404);
    }

    @Test
    void builtInsCannotBeDeletedOrRootChanged() {
        assertThat(http.delete("sys/policy/default").errors()).containsExactly("cannot delete default policy");
        assertThat(http.delete("sys/policies/acl/root").errors()).containsExactly("cannot delete \"root\" policy");
        assertThat(http.delete("sys/policy/response-wrapping").errors())
                .containsExactly("cannot delete \"response-wrapping\" policy");
        assertThat(http.post("sys/policy/root", body("policy", READ_A)).errors())
                .containsExactly("cannot update \"root\" policy");
        // OpenBao parses the text before it looks at the name.
        assertThat(http.post("sys/policy/root", body("policy", "x")).errors().get(0))
                .startsWith("failed to parse policy: At 1:");
    }

    @Test
    void deleteSucceedsAlsoWhenAbsent() {
        http.post("sys/policy/gone", body("policy", READ_A));

        assertThat(http.delete("sys/policy/gone").status()).isEqualTo(204);
        assertThat(http.delete("sys/policy/gone").status()).isEqualTo(204);
        assertThat(http.get("sys/policy/gone").status()).isEqualTo(404);
    }

    @Test
    void defaultCanBeRewritten() {
        assertThat(http.post("sys/policy/default", body("policy", READ_A)).status())
                .isEqualTo(204);
        assertThat(http.get("sys/policy/default").data().get("rules").asText()).isEqualTo(READ_A);
    }

    @Test
    void javaApiWritesPolicies(VaultEmulator vault) {
        vault.writePolicy("Svc", READ_A);

        assertThat(http.get("sys/policy/svc").data().get("rules").asText()).isEqualTo(READ_A);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.writePolicy("bad", "path"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("failed to parse policy");
    }
}
