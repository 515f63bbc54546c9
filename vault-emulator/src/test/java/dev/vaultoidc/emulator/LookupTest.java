package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec §6. */
@EmulatorTest
class LookupTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    LookupTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    @Test
    void entityByEachCriterion() {
        String accessor = vault.enableAuth("userpass");
        String id = vault.createEntity("Svc");
        String aliasId = vault.createEntityAlias(id, accessor, "bob");

        assertThat(http.post("identity/lookup/entity", body("id", id))
                        .data()
                        .get("name")
                        .asText())
                .isEqualTo("Svc");
        assertThat(http.post("identity/lookup/entity", body("name", "svc"))
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(http.post("identity/lookup/entity", body("alias_id", aliasId))
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(http.post("identity/lookup/entity", body("alias_name", "BOB", "alias_mount_accessor", accessor))
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(http.post("identity/lookup/entity", body("id", id)).data().has("direct_group_ids"))
                .isTrue();
    }

    @Test
    void notFoundIs204Not404() {
        VaultHttp.Resp r = http.post("identity/lookup/entity", body("name", "ghost"));

        assertThat(r.status()).isEqualTo(204);
        assertThat(http.post("identity/lookup/group", body("id", "ghost")).status())
                .isEqualTo(204);
        assertThat(http.post("identity/lookup/entity", body("id", "")).status()).isEqualTo(204);
    }

    @Test
    void criterionErrors() {
        assertThat(http.post("identity/lookup/entity", body()).errors())
                .containsExactly("query parameter not supplied");
        assertThat(http.post("identity/lookup/entity", body("id", "a", "name", "b"))
                        .errors())
                .containsExactly("query parameter conflict; please supply distinct set of query parameters");
        assertThat(http.post("identity/lookup/entity", body("alias_name", "a", "alias_mount_accessor", "b", "id", "c"))
                        .errors())
                .containsExactly("query parameter conflict; please supply distinct set of query parameters");
        assertThat(http.post("identity/lookup/entity", body("alias_name", "a")).errors())
                .containsExactly("both 'alias_name' and 'alias_mount_accessor' needs to be set");
        assertThat(http.post("identity/lookup/group", body("alias_mount_accessor", "a"))
                        .errors())
                .containsExactly("both 'alias_name' and 'alias_mount_accessor' needs to be set");
    }

    @Test
    void groupByEachCriterionUsesTheGroupAliasTable() {
        String ldap = vault.enableAuth("ldap");
        VaultHttp.Resp alias = http.post("identity/group-alias", body("name", "devs", "mount_accessor", ldap));
        String groupId = alias.data().get("canonical_id").asText();
        String name =
                http.get("identity/group/id/" + groupId).data().get("name").asText();

        assertThat(http.post("identity/lookup/group", body("id", groupId))
                        .data()
                        .get("type")
                        .asText())
                .isEqualTo("external");
        assertThat(http.post("identity/lookup/group", body("name", name.toUpperCase()))
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(groupId);
        assertThat(http.post(
                                "identity/lookup/group",
                                body("alias_id", alias.data().get("id").asText()))
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(groupId);
        assertThat(http.post("identity/lookup/group", body("alias_name", "devs", "alias_mount_accessor", ldap))
                        .data()
                        .get("id")
                        .asText())
                .isEqualTo(groupId);
    }

    @Test
    void entityAliasesDoNotMatchGroupLookups() {
        String accessor = vault.enableAuth("userpass");
        String id = vault.createEntity("e");
        String aliasId = vault.createEntityAlias(id, accessor, "bob");

        assertThat(http.post("identity/lookup/group", body("alias_id", aliasId)).status())
                .isEqualTo(204);
    }
}
