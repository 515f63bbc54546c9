package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §2.8. */
@EmulatorTest
class EntityMergeTest {

    private final VaultEmulator vault;
    private final VaultHttp http;
    private String userpass;
    private String approle;

    EntityMergeTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    /** Runs after the extension's reset: every test starts with these auth methods only. */
    @BeforeEach
    void enableAuthMethods() {
        userpass = vault.enableAuth("userpass");
        approle = vault.enableAuth("approle");
    }

    private VaultHttp.Resp merge(Object... kv) {
        return http.post("identity/entity/merge", body(kv));
    }

    @Test
    void requiredFields() {
        String to = vault.createEntity("to");

        assertThat(merge("from_entity_ids", List.of("x")).errors()).containsExactly("missing entity id to merge to");
        assertThat(merge("to_entity_id", to).errors()).containsExactly("missing entity ids to merge from");
        assertThat(merge("to_entity_id", "nope", "from_entity_ids", "x").errors())
                .containsExactly("entity id to merge to is invalid");
        assertThat(merge("to_entity_id", to, "from_entity_ids", List.of(to)).errors())
                .containsExactly("to_entity_id should not be present in from_entity_ids");
        assertThat(merge("to_entity_id", to, "from_entity_ids", List.of("nope")).errors())
                .containsExactly("entity id to merge from is invalid");
        assertThat(merge(
                                "to_entity_id",
                                to,
                                "from_entity_ids",
                                List.of("a", "b"),
                                "conflicting_alias_ids_to_keep",
                                List.of("c", "d"))
                        .errors())
                .containsExactly(
                        "aliases conflicts cannot be resolved with multiple from entity ids - merge one entity at a time");
    }

    @Test
    void mergeMovesAliasesRecordsHistoryAndDeletesSources() {
        String to = vault.createEntity("to");
        String from = vault.createEntity("from");
        http.post("identity/entity/id/" + from, body("policies", "from-policy"));
        String aliasId = vault.createEntityAlias(from, userpass, "bob");

        VaultHttp.Resp r = merge("to_entity_id", to, "from_entity_ids", List.of(from, from));

        assertThat(r.status()).isEqualTo(204);
        assertThat(http.get("identity/entity/id/" + from).status()).isEqualTo(404);
        JsonNode toData = http.get("identity/entity/id/" + to).data();
        assertThat(toData.get("merged_entity_ids").toString()).isEqualTo("[\"" + from + "\"]");
        assertThat(toData.get("policies").toString()).isEqualTo("[]");
        JsonNode alias = http.get("identity/entity-alias/id/" + aliasId).data();
        assertThat(alias.get("canonical_id").asText()).isEqualTo(to);
        assertThat(alias.get("merged_from_canonical_ids").toString()).isEqualTo("[\"" + from + "\"]");
    }

    @Test
    void clashWithoutKeepListIsErrorWithData() {
        String to = vault.createEntity("to");
        String from = vault.createEntity("from");
        String toAlias = vault.createEntityAlias(to, userpass, "to-bob");
        String fromAlias = vault.createEntityAlias(from, userpass, "from-bob");

        VaultHttp.Resp r = merge("to_entity_id", to, "from_entity_ids", from);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors())
                .containsExactly("2 errors occurred:\n\t* toEntity and at least one fromEntity "
                        + "have aliases with the same mount accessor, repeat the merge request specifying exactly one "
                        + "fromEntity, clashes: \n\t* mountAccessor: " + userpass + ", toEntity ID: " + to
                        + ", fromEntity ID: " + from + ", conflicting toEntity alias ID: " + toAlias
                        + ", conflicting fromEntity alias ID: " + fromAlias + "\n\n");
        JsonNode data = r.json().get("data");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.get(0).get("alias").asText()).isEqualTo("to-bob");
        assertThat(data.get(0).get("entity").asText()).isEqualTo("to");
        assertThat(data.get(0).get("entity_id").asText()).isEqualTo(to);
        assertThat(data.get(0).get("mount").asText()).isEqualTo("userpass");
        assertThat(data.get(0).get("mount_path").asText()).isEqualTo("auth/userpass/");
        assertThat(data.get(1).get("alias").asText()).isEqualTo("from-bob");
        assertThat(http.get("identity/entity/id/" + from).status()).isEqualTo(200);
    }

    @Test
    void sharedAccessorAcrossFromEntitiesIs400() {
        String to = vault.createEntity("to");
        String a = vault.createEntity("a");
        String b = vault.createEntity("b");
        vault.createEntityAlias(to, userpass, "t");
        vault.createEntityAlias(a, userpass, "x");
        vault.createEntityAlias(b, userpass, "y");

        assertThat(merge("to_entity_id", to, "from_entity_ids", List.of(a, b)).errors())
                .containsExactly("mount accessor " + userpass + " found in multiple fromEntities, merge should be done "
                        + "with one fromEntity at a time");
    }

    @Test
    void keepingTheToAliasDeletesTheFromAlias() {
        String to = vault.createEntity("to");
        String from = vault.createEntity("from");
        String toAlias = vault.createEntityAlias(to, userpass, "t");
        String fromAlias = vault.createEntityAlias(from, userpass, "f");
        String other = vault.createEntityAlias(from, approle, "role");

        VaultHttp.Resp r = merge("to_entity_id", to, "from_entity_ids", from, "conflicting_alias_ids_to_keep", toAlias);

        assertThat(r.status()).isEqualTo(204);
        assertThat(http.get("identity/entity-alias/id/" + fromAlias).status()).isEqualTo(404);
        JsonNode aliases = http.get("identity/entity/id/" + to).data().get("aliases");
        assertThat(aliases.size()).isEqualTo(2);
        assertThat(http.get("identity/entity-alias/id/" + toAlias)
                        .data()
                        .get("canonical_id")
                        .asText())
                .isEqualTo(to);
        assertThat(http.get("identity/entity-alias/id/" + other)
                        .data()
                        .get("canonical_id")
                        .asText())
                .isEqualTo(to);
    }

    @Test
    void keepingTheFromAliasDeletesTheToAlias() {
        String to = vault.createEntity("to");
        String from = vault.createEntity("from");
        String toAlias = vault.createEntityAlias(to, userpass, "t");
        String fromAlias = vault.createEntityAlias(from, userpass, "f");

        merge("to_entity_id", to, "from_entity_ids", from, "conflicting_alias_ids_to_keep", fromAlias);

        assertThat(http.get("identity/entity-alias/id/" + toAlias).status()).isEqualTo(404);
        assertThat(http.get("identity/entity-alias/id/" + fromAlias)
                        .data()
                        .get("canonical_id")
                        .asText())
                .isEqualTo(to);
    }

    @Test
    void keepListNamingNeitherIs400() {
        String to = vault.createEntity("to");
        String from = vault.createEntity("from");
        String toAlias = vault.createEntityAlias(to, userpass, "t");
        String fromAlias = vault.createEntityAlias(from, userpass, "f");

        VaultHttp.Resp r = merge("to_entity_id", to, "from_entity_ids", from, "conflicting_alias_ids_to_keep", "other");

        assertThat(r.errors())
                .containsExactly("conflicting mount accessors in following alias IDs and neither were "
                        + "present in conflicting_alias_ids_to_keep: " + fromAlias + ", " + toAlias);
        assertThat(http.get("identity/entity/id/" + from).status()).isEqualTo(200);
    }

    @Test
    void groupMembershipMovesToTheTarget() {
        String to = vault.createEntity("to");
        String from = vault.createEntity("from");
        String g = http.post("identity/group", body("name", "g", "member_entity_ids", List.of(from)))
                .data()
                .get("id")
                .asText();

        merge("to_entity_id", to, "from_entity_ids", from);

        assertThat(http.get("identity/group/id/" + g)
                        .data()
                        .get("member_entity_ids")
                        .toString())
                .isEqualTo("[\"" + to + "\"]");
        assertThat(http.get("identity/entity/id/" + to)
                        .data()
                        .get("direct_group_ids")
                        .get(0)
                        .asText())
                .isEqualTo(g);
    }

    @Test
    void mergedHistoryAccumulates() {
        String a = vault.createEntity("a");
        String b = vault.createEntity("b");
        String c = vault.createEntity("c");
        merge("to_entity_id", b, "from_entity_ids", a);

        merge("to_entity_id", c, "from_entity_ids", b);

        assertThat(http.get("identity/entity/id/" + c)
                        .data()
                        .get("merged_entity_ids")
                        .toString())
                .isEqualTo("[\"" + a + "\",\"" + b + "\"]");
    }
}
