package dev.vaultoidc.emulator.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy store's rules, as OpenBao 2.7.2 answered them over {@code sys/policy} and {@code sys/policies/acl}. */
class PolicyStoreTest {

    private final PolicyStore store = new PolicyStore();

    @Test
    void startsWithDefaultAndRootListedRootLast() {
        assertThat(store.list()).containsExactly("default", "root");
        assertThat(store.get("root")).get().extracting(Policy::text).isEqualTo("");
        assertThat(store.get("default")).get().extracting(Policy::text).isEqualTo(PolicyStore.DEFAULT_POLICY_TEXT);
    }

    @Test
    void namesAreTrimmedAndLowerCased() throws Exception {
        store.put("MyPol", "path \"secret/*\" { capabilities = [\"read\"] }");
        store.put(" With Space ", "path \"x\" { capabilities = [\"read\"] }");

        assertThat(store.get("MYPOL")).get().extracting(Policy::name).isEqualTo("mypol");
        assertThat(store.list()).containsExactly("default", "mypol", "with space", "root");
    }

    @Test
    void writingReplacesAndKeepsTheTextVerbatim() throws Exception {
        store.put("p", "path \"a\" { capabilities = [\"read\"] }");
        store.put("p", "# v2\npath \"a\" { capabilities = [\"list\"] }");

        assertThat(store.get("p"))
                .get()
                .extracting(Policy::text)
                .isEqualTo("# v2\npath \"a\" { capabilities = [\"list\"] }");
    }

    @Test
    void rootCannotBeWrittenOrDeleted() {
        assertThatThrownBy(() -> store.put("root", "path \"a\" { capabilities = [\"list\"] }"))
                .hasMessage("cannot update \"root\" policy");
        assertThatThrownBy(() -> store.put("ROOT", "path \"a\" { capabilities = [\"list\"] }"))
                .hasMessage("cannot update \"root\" policy");
        assertThatThrownBy(() -> store.delete("root")).hasMessage("cannot delete \"root\" policy");
    }

    @Test
    void defaultCanBeRewrittenButNotDeleted() throws Exception {
        assertThatThrownBy(() -> store.delete("default")).hasMessage("cannot delete default policy");

        store.put("default", "path \"a\" { capabilities = [\"list\"] }");

        assertThat(store.get("default"))
                .get()
                .extracting(Policy::text)
                .isEqualTo("path \"a\" { capabilities = [\"list\"] }");
    }

    @Test
    void emptyTextIsRefusedButBlankTextIsAPolicy() throws Exception {
        assertThatThrownBy(() -> store.put("p", "")).hasMessage("'policy' parameter not supplied or empty");

        store.put("blank", "   ");

        assertThat(store.get("blank")).isPresent();
    }

    @Test
    void invalidPolicyIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> store.put("bad", "path \"x\" { capabilities = [\"banana\"] }"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("failed to parse policy: path \"x\": invalid capability \"banana\"");
        assertThat(store.get("bad")).isEmpty();
    }

    @Test
    void deletingAMissingPolicySucceeds() throws Exception {
        store.put("p", "path \"a\" { capabilities = [\"read\"] }");

        store.delete("P");
        store.delete("p");

        assertThat(store.get("p")).isEmpty();
    }

    @Test
    void responseWrappingPolicyExistsUnlistedAndImmutable() {
        assertThat(store.get("response-wrapping")).isPresent();
        assertThat(store.list()).doesNotContain("response-wrapping");
        assertThatThrownBy(() -> store.put("response-wrapping", "path \"a\" { capabilities = [\"read\"] }"))
                .hasMessage("cannot update \"response-wrapping\" policy");
    }

    @Test
    void aclUnionsTheNamedPoliciesAndIgnoresUnknownNames() throws Exception {
        store.put("a", "path \"secret/a\" { capabilities = [\"read\"] }");
        store.put("b", "path \"secret/a\" { capabilities = [\"update\"] }");

        Acl acl = store.acl(List.of("A", "b", "default", "nonexistent"), null);

        assertThat(acl.capabilities("secret/a")).containsExactly("read", "update");
        assertThat(acl.allowed(Operation.UPDATE, "secret/a", Map.of()).grantingPolicies())
                .containsExactly("b");
    }

    @Test
    void rootTokenAclAllowsEverything() {
        Acl acl = store.acl(List.of("root"), null);

        assertThat(acl.isRoot()).isTrue();
        assertThat(acl.allowed(Operation.DELETE, "sys/policy/x", Map.of()).allowed())
                .isTrue();
    }
}
