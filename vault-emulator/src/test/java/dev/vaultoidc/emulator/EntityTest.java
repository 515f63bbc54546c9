package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §2.1–§2.7 (merge has its own test). */
@EmulatorTest
class EntityTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    EntityTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private String create(String name) {
        return http.post("identity/entity", body("name", name)).data().get("id").asText();
    }

    @Test
    void createReturnsIdNameAndNullAliases() {
        VaultHttp.Resp r = http.post("identity/entity", body("name", "svc"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("name").asText()).isEqualTo("svc");
        assertThat(r.data().get("aliases").isNull()).isTrue();
    }

    @Test
    void createWithoutNameGeneratesEntityPrefixAndEightHex() {
        VaultHttp.Resp r = http.post("identity/entity", body());

        assertThat(r.data().get("name").asText()).matches("entity_[0-9a-f]{8}");
    }

    @Test
    void existingNameWithoutIdUpdatesThatEntityWith204() {
        String id = create("svc");

        VaultHttp.Resp r = http.post("identity/entity", body("name", "SVC", "policies", List.of("p1")));

        assertThat(r.status()).isEqualTo(204);
        JsonNode read = http.get("identity/entity/id/" + id).data();
        assertThat(read.get("policies").toString()).isEqualTo("[\"p1\"]");
        // The supplied name is applied (spec §2.1 step 3), so the stored case follows the last write.
        assertThat(read.get("name").asText()).isEqualTo("SVC");
    }

    @Test
    void unknownIdIs400EntityNotFromId() {
        VaultHttp.Resp body = http.post("identity/entity", body("id", "nope", "name", "x"));
        VaultHttp.Resp path = http.post("identity/entity/id/nope", body("name", "x"));

        assertThat(body.status()).isEqualTo(400);
        assertThat(body.errors()).containsExactly("entity not found from id");
        assertThat(path.errors()).containsExactly("entity not found from id");
    }

    @Test
    void renameToNameOfAnotherEntityIs400InUse() {
        String a = create("a");
        create("b");

        VaultHttp.Resp r = http.post("identity/entity/id/" + a, body("name", "B"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors()).containsExactly("entity name is already in use");
    }

    @Test
    void byNamePathWithIdOfAnotherEntityIs400InUse() {
        String a = create("a");
        create("b");

        VaultHttp.Resp r = http.post("identity/entity/name/b", body("id", a));

        assertThat(r.errors()).containsExactly("entity name is already in use");
    }

    @Test
    void caseOnlyRenameOfSameEntityIsAllowed() {
        String a = create("alpha");

        assertThat(http.post("identity/entity/id/" + a, body("name", "ALPHA")).status())
                .isEqualTo(204);
        assertThat(http.get("identity/entity/name/alpha").data().get("name").asText())
                .isEqualTo("ALPHA");
    }

    @Test
    void byNamePathCreatesThenUpdates() {
        VaultHttp.Resp first = http.post("identity/entity/name/by-name", body("policies", "a,b"));
        VaultHttp.Resp second = http.post("identity/entity/name/by-name", body("disabled", true));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().get("name").asText()).isEqualTo("by-name");
        assertThat(second.status()).isEqualTo(204);
        JsonNode read = http.get("identity/entity/name/by-name").data();
        assertThat(read.get("disabled").asBoolean()).isTrue();
        assertThat(read.get("policies").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void namesMayContainSlashes() {
        http.post("identity/entity/name/team/svc", body());

        assertThat(http.get("identity/entity/name/team/svc").data().get("name").asText())
                .isEqualTo("team/svc");
    }

    @Test
    void readShapeFollowsSpec() {
        String id = create("shape");

        JsonNode d = http.get("identity/entity/id/" + id).data();

        assertThat(d.get("metadata").isNull()).isTrue();
        assertThat(d.get("policies").toString()).isEqualTo("[]");
        assertThat(d.get("disabled").asBoolean()).isFalse();
        assertThat(d.get("namespace_id").asText()).isEqualTo("root");
        assertThat(d.get("merged_entity_ids").isNull()).isTrue();
        assertThat(d.get("aliases").toString()).isEqualTo("[]");
        assertThat(d.get("direct_group_ids").toString()).isEqualTo("[]");
        assertThat(d.get("inherited_group_ids").toString()).isEqualTo("[]");
        assertThat(d.get("group_ids").toString()).isEqualTo("[]");
        assertThat(d.get("creation_time").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?Z");
    }

    @Test
    void missingEntityReadsAre404WithEmptyErrors() {
        VaultHttp.Resp r = http.get("identity/entity/id/nope");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw().body()).isEqualTo("{\"errors\":[]}");
        assertThat(http.get("identity/entity/name/nope").status()).isEqualTo(404);
    }

    @Test
    void policiesAreTrimmedDeduplicatedAndSorted() {
        String id = create("p");

        http.post("identity/entity/id/" + id, body("policies", " b , a,b,,"));

        assertThat(http.get("identity/entity/id/" + id).data().get("policies").toString())
                .isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void rootPolicyIsRejectedCaseInsensitively() {
        VaultHttp.Resp lower = http.post("identity/entity", body("name", "r", "policies", List.of("root")));
        VaultHttp.Resp upper = http.post("identity/entity", body("name", "r", "policies", "ROOT"));

        assertThat(lower.status()).isEqualTo(400);
        assertThat(lower.errors()).containsExactly("policies cannot contain root");
        assertThat(upper.errors()).containsExactly("policies cannot contain root");
        assertThat(http.get("identity/entity/name/r").status()).isEqualTo(404);
    }

    @Test
    void suppliedFieldsReplaceAndOmittedFieldsAreKept() {
        String id = create("m");
        http.post("identity/entity/id/" + id, body("metadata", Map.of("a", "1", "b", "2"), "policies", "x"));

        http.post("identity/entity/id/" + id, body("metadata", Map.of("c", "3")));

        JsonNode d = http.get("identity/entity/id/" + id).data();
        assertThat(d.get("metadata").toString()).isEqualTo("{\"c\":\"3\"}");
        assertThat(d.get("policies").toString()).isEqualTo("[\"x\"]");
    }

    @Test
    void metadataAcceptsKeyValueStrings() {
        String id = create("kv");

        http.post("identity/entity/id/" + id, body("metadata", List.of("team=core", "env=dev")));

        assertThat(http.get("identity/entity/id/" + id)
                        .data()
                        .get("metadata")
                        .get("team")
                        .asText())
                .isEqualTo("core");
    }

    @Test
    void malformedKeyPairIs400() {
        VaultHttp.Resp r = http.post("identity/entity", body("name", "kv", "metadata", List.of("novalue")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("invalid key pair");
    }

    @Test
    void invalidMetadataKeyIs500WithVaultsMessage() {
        VaultHttp.Resp r = http.post("identity/entity", body("name", "meta", "metadata", Map.of("k!", "v")));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error())
                .contains(
                        "invalid entity metadata: failed to load metadata pair (\"k!\", \"v\"): key contains invalid characters");
    }

    @Test
    void metadataLimitsAreEnforced() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThat(http.post("identity/entity", body("metadata", tooMany)).error())
                .contains("metadata cannot contain more than 64 key/value pairs");
        assertThat(http.post("identity/entity", body("metadata", Map.of("k".repeat(129), "v")))
                        .error())
                .contains("key is too long (limit: 128 characters)");
        assertThat(http.post("identity/entity", body("metadata", Map.of("vault-x", "v")))
                        .error())
                .contains("key prefix \"vault-\" is reserved for internal use");
        VaultHttp.Resp longValue = http.post("identity/entity", body("metadata", Map.of("k", "v".repeat(513))));
        assertThat(longValue.status()).isEqualTo(500);
        assertThat(longValue.error()).contains("value is too long (limit: 512 characters)");
        assertThat(http.list("identity/entity/id").status()).isEqualTo(404);
    }

    @Test
    void deleteIsAlways204AndRemovesAliases() {
        String accessor = vault.enableAuth("userpass");
        String id = create("gone");
        String aliasId = vault.createEntityAlias(id, accessor, "bob");

        assertThat(http.delete("identity/entity/id/" + id).status()).isEqualTo(204);
        assertThat(http.delete("identity/entity/id/" + id).status()).isEqualTo(204);
        assertThat(http.delete("identity/entity/name/never").status()).isEqualTo(204);
        assertThat(http.get("identity/entity-alias/id/" + aliasId).status()).isEqualTo(404);
    }

    @Test
    void deleteByNameIsCaseInsensitive() {
        create("MixedCase");

        http.delete("identity/entity/name/mixedcase");

        assertThat(http.get("identity/entity/name/MixedCase").status()).isEqualTo(404);
    }

    @Test
    void batchDeleteSkipsUnknownIdsAndRequiresSome() {
        String a = create("a");
        String b = create("b");
        String c = create("c");

        VaultHttp.Resp r = http.post("identity/entity/batch-delete", body("entity_ids", List.of(a, b, "nope")));
        VaultHttp.Resp empty = http.post("identity/entity/batch-delete", body("entity_ids", List.of()));

        assertThat(r.status()).isEqualTo(204);
        assertThat(http.list("identity/entity/id").data().get("keys").toString())
                .isEqualTo("[\"" + c + "\"]");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errors()).containsExactly("missing entity ids to delete");
    }

    @Test
    void emptyListsAre404WithEmptyErrors() {
        VaultHttp.Resp r = http.list("identity/entity/id");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw().body()).isEqualTo("{\"errors\":[]}");
        assertThat(http.list("identity/entity/name").status()).isEqualTo(404);
    }

    @Test
    void listByIdIsInIdOrderWithKeyInfoAndByNameHasNone() {
        String accessor = vault.enableAuth("userpass");
        List<String> ids = new ArrayList<>();
        for (String n : List.of("zed", "amy", "kim")) {
            ids.add(create(n));
        }
        vault.createEntityAlias(ids.get(0), accessor, "zed-login");
        List<String> sorted = ids.stream().sorted().toList();

        JsonNode byId = http.list("identity/entity/id").data();
        JsonNode byName = http.list("identity/entity/name").data();

        List<String> keys = new ArrayList<>();
        byId.get("keys").forEach(k -> keys.add(k.asText()));
        assertThat(keys).isEqualTo(sorted);
        JsonNode info = byId.get("key_info").get(ids.get(0));
        assertThat(info.get("name").asText()).isEqualTo("zed");
        assertThat(info.get("aliases").get(0).get("mount_type").asText()).isEqualTo("userpass");
        assertThat(info.get("aliases").get(0).get("mount_path").asText()).isEqualTo("auth/userpass/");
        assertThat(byId.get("key_info").get(ids.get(1)).has("aliases")).isFalse();
        assertThat(byName.has("key_info")).isFalse();
        List<String> names = new ArrayList<>();
        byName.get("keys").forEach(k -> names.add(k.asText()));
        Map<String, String> nameById = Map.of(ids.get(0), "zed", ids.get(1), "amy", ids.get(2), "kim");
        assertThat(names).isEqualTo(sorted.stream().map(nameById::get).toList());
    }

    @Test
    void nullDisabledCountsAsSuppliedFalse() {
        String id = create("n");
        http.post("identity/entity/id/" + id, body("disabled", true));

        http.post("identity/entity/id/" + id, body("disabled", null));

        assertThat(http.get("identity/entity/id/" + id).data().get("disabled").asBoolean())
                .isFalse();
    }

    @Test
    void nullPoliciesCountAsSuppliedEmpty() {
        String id = create("n");
        http.post("identity/entity/id/" + id, body("policies", "a"));

        http.post("identity/entity/id/" + id, body("policies", null));

        assertThat(http.get("identity/entity/id/" + id).data().get("policies").toString())
                .isEqualTo("[]");
    }
}
