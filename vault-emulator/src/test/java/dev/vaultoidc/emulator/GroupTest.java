package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §4. */
@EmulatorTest
class GroupTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    GroupTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private String group(Object... kv) {
        VaultHttp.Resp r = http.post("identity/group", body(kv));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.data().get("id").asText();
    }

    private JsonNode read(String id) {
        return http.get("identity/group/id/" + id).data();
    }

    @Test
    void createReturnsIdAndNameAndDefaultsToInternal() {
        VaultHttp.Resp r = http.post("identity/group", body("name", "g"));

        assertThat(r.data().get("name").asText()).isEqualTo("g");
        JsonNode d = read(r.data().get("id").asText());
        assertThat(d.get("type").asText()).isEqualTo("internal");
        assertThat(d.get("modify_index").asLong()).isEqualTo(1);
        assertThat(d.get("namespace_id").asText()).isEqualTo("root");
    }

    @Test
    void neverSetListsAreNullAndSetListsAreArrays() {
        String id = group("name", "g");

        JsonNode d = read(id);
        assertThat(d.get("policies").isNull()).isTrue();
        assertThat(d.get("member_entity_ids").isNull()).isTrue();
        assertThat(d.get("parent_group_ids").isNull()).isTrue();
        assertThat(d.get("member_group_ids").isNull()).isTrue();
        assertThat(d.get("metadata").isNull()).isTrue();
        assertThat(d.get("alias").toString()).isEqualTo("{}");

        http.post("identity/group/id/" + id, body("policies", List.of(), "member_entity_ids", List.of()));
        JsonNode after = read(id);
        assertThat(after.get("policies").toString()).isEqualTo("[]");
        assertThat(after.get("member_entity_ids").toString()).isEqualTo("[]");
    }

    @Test
    void createWithoutNameGeneratesGroupPrefix() {
        VaultHttp.Resp r = http.post("identity/group", body("policies", "p"));

        assertThat(r.data().get("name").asText()).matches("group_[0-9a-f]{8}");
    }

    @Test
    void updateIs204AndBumpsModifyIndex() {
        String id = group("name", "g");

        assertThat(http.post("identity/group/id/" + id, body("policies", "a")).status())
                .isEqualTo(204);
        assertThat(http.post("identity/group", body("name", "G", "policies", "b"))
                        .status())
                .isEqualTo(204);

        JsonNode d = read(id);
        assertThat(d.get("modify_index").asLong()).isEqualTo(3);
        assertThat(d.get("policies").toString()).isEqualTo("[\"b\"]");
    }

    @Test
    void dispatchErrors() {
        assertThat(http.post("identity/group", body("id", "")).errors()).containsExactly("empty group ID");
        assertThat(http.post("identity/group", body("name", "")).errors()).containsExactly("empty group name");
        assertThat(http.post("identity/group", body("id", "nope")).errors()).containsExactly("invalid group ID");
        assertThat(http.post("identity/group/id/nope", body()).errors()).containsExactly("invalid group ID");
    }

    @Test
    void byNamePathCreatesThenUpdates() {
        VaultHttp.Resp created = http.post("identity/group/name/team/core", body("policies", "x"));
        VaultHttp.Resp updated = http.post("identity/group/name/TEAM/core", body("policies", "y"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(updated.status()).isEqualTo(204);
        assertThat(http.get("identity/group/name/team/core")
                        .data()
                        .get("policies")
                        .toString())
                .isEqualTo("[\"y\"]");
    }

    @Test
    void policiesAreDeduplicatedCaseInsensitivelyKeepingFirstSpellingThenSorted() {
        String id = group("name", "g", "policies", List.of("b", "Admin", "admin", "a"));

        assertThat(read(id).get("policies").toString()).isEqualTo("[\"Admin\",\"a\",\"b\"]");
    }

    @Test
    void rootPolicyIsRejectedCaseInsensitively() {
        assertThat(http.post("identity/group", body("name", "g", "policies", "Root"))
                        .errors())
                .containsExactly("policies cannot contain root");
    }

    @Test
    void typeCannotChangeAndMustBeKnown() {
        String id = group("name", "ext", "type", "external");

        assertThat(http.post("identity/group/id/" + id, body("type", "internal"))
                        .errors())
                .containsExactly("group type cannot be changed");
        assertThat(http.post("identity/group", body("name", "odd", "type", "weird"))
                        .errors())
                .containsExactly("invalid group type \"weird\"");
    }

    @Test
    void groupNamesAreUniqueIgnoringCase() {
        group("name", "one");
        String two = group("name", "two");

        assertThat(http.post("identity/group/id/" + two, body("name", "ONE")).errors())
                .containsExactly("group name is already in use");
    }

    @Test
    void invalidMetadataIs500() {
        VaultHttp.Resp r = http.post("identity/group", body("name", "g", "metadata", Map.of("bad key", "v")));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error()).contains("key contains invalid characters");
    }

    @Test
    void externalGroupsRejectManualMembersEvenNull() {
        String id = group("name", "ext", "type", "external");

        VaultHttp.Resp nullMembers =
                http.post("identity/group/id/" + id, body("type", "external", "member_entity_ids", null));
        VaultHttp.Resp groups =
                http.post("identity/group/id/" + id, body("type", "external", "member_group_ids", List.of()));

        assertThat(nullMembers.errors()).containsExactly("member entities can't be set manually for external groups");
        assertThat(groups.errors()).containsExactly("member groups can't be set for external groups");
    }

    @Test
    void hvacDefaultTypeOnExternalGroupIs400() {
        String id = group("name", "ext", "type", "external");

        // hvac's update_group always sends type="internal" (quirk Q2).
        assertThat(http.post("identity/group/id/" + id, body("type", "internal", "policies", "p"))
                        .errors())
                .containsExactly("group type cannot be changed");
    }

    @Test
    void memberEntitiesMustExistAndAreSortedDeduplicated() {
        String a = vault.createEntity("a");
        String b = vault.createEntity("b");

        VaultHttp.Resp bad = http.post("identity/group", body("name", "g", "member_entity_ids", List.of(a, "nope")));
        String id = group("name", "g", "member_entity_ids", List.of(b, a, b));

        assertThat(bad.status()).isEqualTo(500);
        assertThat(bad.error()).contains("invalid entity ID \"nope\"");
        List<String> members = new ArrayList<>();
        read(id).get("member_entity_ids").forEach(n -> members.add(n.asText()));
        assertThat(members).isEqualTo(List.of(a, b).stream().sorted().toList());
    }

    @Test
    void nullMemberListsClearMembershipLikeHvacSends() {
        String e = vault.createEntity("e");
        String child = group("name", "child");
        String id = group("name", "g", "member_entity_ids", List.of(e), "member_group_ids", List.of(child));

        // hvac's update_group sends nulls for omitted member lists (quirk Q1).
        http.post(
                "identity/group/id/" + id,
                body("type", "internal", "policies", "p", "member_entity_ids", null, "member_group_ids", null));

        JsonNode d = read(id);
        assertThat(d.get("member_entity_ids").toString()).isEqualTo("[]");
        assertThat(d.get("member_group_ids").isNull()).isTrue();
        assertThat(read(child).get("parent_group_ids").toString()).isEqualTo("[]");
    }

    @Test
    void omittedMemberListsAreKept() {
        String e = vault.createEntity("e");
        String id = group("name", "g", "member_entity_ids", List.of(e));

        http.post("identity/group/name/g", body("policies", "p"));

        assertThat(read(id).get("member_entity_ids").get(0).asText()).isEqualTo(e);
    }

    @Test
    void memberGroupsAreStoredAsParentsOnChildren() {
        String child = group("name", "child");
        String parent = group("name", "parent", "member_group_ids", List.of(child));

        assertThat(read(child).get("parent_group_ids").get(0).asText()).isEqualTo(parent);
        assertThat(read(child).get("modify_index").asLong()).isEqualTo(2);
        assertThat(read(parent).get("member_group_ids").get(0).asText()).isEqualTo(child);

        http.post("identity/group/id/" + parent, body("member_group_ids", List.of()));
        assertThat(read(child).get("parent_group_ids").toString()).isEqualTo("[]");
        assertThat(read(parent).get("member_group_ids").isNull()).isTrue();
    }

    @Test
    void memberGroupErrors() {
        String a = group("name", "a");
        String b = group("name", "b", "member_group_ids", List.of(a));

        VaultHttp.Resp unknown = http.post("identity/group/id/" + a, body("member_group_ids", List.of("nope")));
        VaultHttp.Resp self = http.post("identity/group/id/" + a, body("member_group_ids", List.of(a)));
        VaultHttp.Resp cycle = http.post("identity/group/id/" + a, body("member_group_ids", List.of(b)));

        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.error()).contains("invalid member group ID \"nope\"");
        assertThat(self.status()).isEqualTo(500);
        assertThat(self.error()).contains("member group ID \"" + a + "\" is same as the ID of the group");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.errors()).containsExactly("cyclic relationship detected for member group ID \"" + b + "\"");
    }

    @Test
    void longerCyclesAreDetected() {
        String a = group("name", "a");
        String b = group("name", "b", "member_group_ids", List.of(a));
        String c = group("name", "c", "member_group_ids", List.of(b));

        assertThat(http.post("identity/group/id/" + a, body("member_group_ids", List.of(c)))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void entitySeesDirectAndInheritedGroups() {
        String e = vault.createEntity("e");
        String direct = group("name", "direct", "member_entity_ids", List.of(e));
        String parent = group("name", "parent", "member_group_ids", List.of(direct));
        String grand = group("name", "grand", "member_group_ids", List.of(parent));

        JsonNode d = http.get("identity/entity/id/" + e).data();

        assertThat(d.get("direct_group_ids").toString()).isEqualTo("[\"" + direct + "\"]");
        assertThat(d.get("inherited_group_ids").toString()).isEqualTo("[\"" + parent + "\",\"" + grand + "\"]");
        assertThat(d.get("group_ids").size()).isEqualTo(3);
    }

    @Test
    void deletingAnEntityRemovesItFromGroupsAndBumpsModifyIndex() {
        String e = vault.createEntity("e");
        String keep = vault.createEntity("keep");
        String id = group("name", "g", "member_entity_ids", List.of(e, keep));
        long before = read(id).get("modify_index").asLong();

        http.delete("identity/entity/id/" + e);

        JsonNode d = read(id);
        assertThat(d.get("member_entity_ids").toString()).isEqualTo("[\"" + keep + "\"]");
        assertThat(d.get("modify_index").asLong()).isEqualTo(before + 1);
    }

    @Test
    void deleteIs204AndChildrenKeepTheStaleParent() {
        String child = group("name", "child");
        String parent = group("name", "parent", "member_group_ids", List.of(child));

        assertThat(http.delete("identity/group/id/" + parent).status()).isEqualTo(204);
        assertThat(http.delete("identity/group/id/" + parent).status()).isEqualTo(204);
        assertThat(http.delete("identity/group/name/nothing").status()).isEqualTo(204);

        assertThat(read(child).get("parent_group_ids").toString()).isEqualTo("[\"" + parent + "\"]");
        assertThat(http.get("identity/group/id/" + parent).status()).isEqualTo(404);
    }

    @Test
    void deletingAnExternalGroupDeletesItsAlias() {
        String accessor = vault.enableAuth("ldap");
        String aliasId = http.post("identity/group-alias", body("name", "cn=devs", "mount_accessor", accessor))
                .data()
                .get("id")
                .asText();
        String groupId = http.get("identity/group-alias/id/" + aliasId)
                .data()
                .get("canonical_id")
                .asText();

        http.delete("identity/group/id/" + groupId);

        assertThat(http.get("identity/group-alias/id/" + aliasId).status()).isEqualTo(404);
    }

    @Test
    void externalGroupCanBeAChildOfAnInternalGroup() {
        String ext = group("name", "ext", "type", "external");

        String parent = group("name", "parent", "member_group_ids", List.of(ext));

        assertThat(read(ext).get("parent_group_ids").get(0).asText()).isEqualTo(parent);
    }

    @Test
    void idListKeyInfoShowsTheGroupAlias() {
        String ldap = vault.enableAuth("ldap");
        String groupId = http.post("identity/group-alias", body("name", "devs", "mount_accessor", ldap))
                .data()
                .get("canonical_id")
                .asText();

        JsonNode alias = http.list("identity/group/id")
                .data()
                .get("key_info")
                .get(groupId)
                .get("alias");

        assertThat(alias.get("name").asText()).isEqualTo("devs");
        assertThat(alias.get("mount_accessor").asText()).isEqualTo(ldap);
        assertThat(alias.get("mount_type").asText()).isEqualTo("ldap");
        assertThat(alias.get("mount_path").asText()).isEqualTo("auth/ldap/");
    }

    @Test
    void listsFollowSpec() {
        assertThat(http.list("identity/group/id").status()).isEqualTo(404);
        assertThat(http.list("identity/group/name").status()).isEqualTo(404);
        String e = vault.createEntity("e");
        String child = group("name", "child");
        String id = group("name", "g", "member_entity_ids", List.of(e), "member_group_ids", List.of(child));

        JsonNode byId = http.list("identity/group/id").data();
        JsonNode byName = http.list("identity/group/name").data();

        JsonNode info = byId.get("key_info").get(id);
        assertThat(info.get("name").asText()).isEqualTo("g");
        assertThat(info.get("num_member_entities").asInt()).isEqualTo(1);
        assertThat(byId.get("key_info").get(child).get("num_parent_groups").asInt())
                .isEqualTo(1);
        assertThat(byName.has("key_info")).isFalse();
        assertThat(byName.get("keys").size()).isEqualTo(2);
        List<String> keys = new ArrayList<>();
        byId.get("keys").forEach(k -> keys.add(k.asText()));
        assertThat(keys).isSorted();
    }
}
