package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §5. */
@EmulatorTest
class GroupAliasTest {

    private final VaultEmulator vault;
    private final VaultHttp http;
    private String ldap;

    GroupAliasTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    /** Runs after the extension's reset: every test starts with these auth methods only. */
    @BeforeEach
    void enableAuthMethods() {
        ldap = vault.enableAuth("ldap");
    }

    private String externalGroup(String name) {
        return http.post("identity/group", body("name", name, "type", "external"))
                .data()
                .get("id")
                .asText();
    }

    @Test
    void createWithoutCanonicalIdMakesAnExternalGroup() {
        VaultHttp.Resp r = http.post("identity/group-alias", body("name", "devs", "mount_accessor", ldap));

        assertThat(r.status()).isEqualTo(200);
        JsonNode g = http.get(
                        "identity/group/id/" + r.data().get("canonical_id").asText())
                .data();
        assertThat(g.get("type").asText()).isEqualTo("external");
        assertThat(g.get("name").asText()).matches("group_[0-9a-f]{8}");
        assertThat(g.get("alias").get("name").asText()).isEqualTo("devs");
        assertThat(g.get("alias").get("mount_type").asText()).isEqualTo("ldap");
    }

    @Test
    void createErrors() {
        String internal = http.post("identity/group", body("name", "int"))
                .data()
                .get("id")
                .asText();

        assertThat(http.post("identity/group-alias", body("mount_accessor", ldap))
                        .errors())
                .containsExactly("missing alias name");
        assertThat(http.post("identity/group-alias", body("name", "x")).errors())
                .containsExactly("missing mount_accessor");
        assertThat(http.post("identity/group-alias", body("name", "x", "mount_accessor", ldap, "canonical_id", "nope"))
                        .errors())
                .containsExactly("invalid group ID given in 'canonical_id'");
        assertThat(http.post(
                                "identity/group-alias",
                                body("name", "x", "mount_accessor", ldap, "canonical_id", internal))
                        .errors())
                .containsExactly("alias can't be set on an internal group");
        assertThat(http.post("identity/group-alias", body("name", "x", "mount_accessor", "auth_ldap_deadbeef"))
                        .errors())
                .containsExactly("invalid mount accessor \"auth_ldap_deadbeef\"");
    }

    @Test
    void localMountIsRejected() {
        http.post("sys/auth/local-ldap", body("type", "ldap", "local", true));
        String local =
                http.get("sys/auth").data().get("local-ldap/").get("accessor").asText();

        assertThat(http.post("identity/group-alias", body("name", "x", "mount_accessor", local))
                        .errors())
                .containsExactly("mount accessor \"" + local + "\" is a local mount");
    }

    @Test
    void factorsAreUniqueIgnoringCase() {
        http.post("identity/group-alias", body("name", "devs", "mount_accessor", ldap));

        assertThat(http.post("identity/group-alias", body("name", "DEVS", "mount_accessor", ldap))
                        .errors())
                .containsExactly("combination of mount and group alias name is already in use");
    }

    @Test
    void newAliasReplacesTheGroupsPreviousAlias() {
        String g = externalGroup("ext");
        String first = http.post("identity/group-alias", body("name", "a", "mount_accessor", ldap, "canonical_id", g))
                .data()
                .get("id")
                .asText();

        String second = http.post("identity/group-alias", body("name", "b", "mount_accessor", ldap, "canonical_id", g))
                .data()
                .get("id")
                .asText();

        assertThat(http.get("identity/group-alias/id/" + first).status()).isEqualTo(404);
        assertThat(http.get("identity/group/id/" + g)
                        .data()
                        .get("alias")
                        .get("id")
                        .asText())
                .isEqualTo(second);
    }

    @Test
    void updateRequiresNameAndAccessorAndKnownId() {
        String id = http.post("identity/group-alias", body("name", "a", "mount_accessor", ldap))
                .data()
                .get("id")
                .asText();

        assertThat(http.post("identity/group-alias/id/nope", body("name", "a", "mount_accessor", ldap))
                        .errors())
                .containsExactly("invalid group alias ID");
        assertThat(http.post("identity/group-alias/id/" + id, body("name", "b")).errors())
                .containsExactly("missing mount_accessor");
        assertThat(http.post("identity/group-alias/id/" + id, body("mount_accessor", ldap))
                        .errors())
                .containsExactly("missing alias name");
    }

    @Test
    void unchangedUpdateIs204AndMoveWorks() {
        VaultHttp.Resp created = http.post("identity/group-alias", body("name", "a", "mount_accessor", ldap));
        String id = created.data().get("id").asText();
        String oldGroup = created.data().get("canonical_id").asText();
        String target = externalGroup("target");

        assertThat(http.post("identity/group-alias/id/" + id, body("name", "a", "mount_accessor", ldap))
                        .status())
                .isEqualTo(204);
        VaultHttp.Resp moved = http.post(
                "identity/group-alias/id/" + id, body("name", "a", "mount_accessor", ldap, "canonical_id", target));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.data().get("canonical_id").asText()).isEqualTo(target);
        assertThat(http.get("identity/group/id/" + oldGroup).data().get("alias").toString())
                .isEqualTo("{}");
    }

    @Test
    void readDeleteAndList() {
        assertThat(http.list("identity/group-alias/id").status()).isEqualTo(404);
        String id = http.post("identity/group-alias", body("name", "a", "mount_accessor", ldap))
                .data()
                .get("id")
                .asText();

        JsonNode read = http.get("identity/group-alias/id/" + id).data();
        assertThat(read.get("custom_metadata").isNull()).isTrue();
        assertThat(read.get("local").asBoolean()).isFalse();
        assertThat(read.get("mount_path").asText()).isEqualTo("auth/ldap/");
        JsonNode list = http.list("identity/group-alias/id").data();
        assertThat(list.get("key_info").get(id).get("name").asText()).isEqualTo("a");

        assertThat(http.delete("identity/group-alias/id/" + id).status()).isEqualTo(204);
        assertThat(http.delete("identity/group-alias/id/" + id).status()).isEqualTo(204);
        assertThat(http.get("identity/group-alias/id/" + id).status()).isEqualTo(404);
    }
}
