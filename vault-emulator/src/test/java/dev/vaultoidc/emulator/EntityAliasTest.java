package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §3. */
@EmulatorTest
class EntityAliasTest {

    private final VaultEmulator vault;
    private final VaultHttp http;
    private String userpass;
    private String approle;

    EntityAliasTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    /** Runs after the extension's reset: every test starts with these auth methods only. */
    @BeforeEach
    void enableAuthMethods() {
        userpass = vault.enableAuth("userpass");
        approle = vault.enableAuth("approle");
    }

    private String entity(String name) {
        return vault.createEntity(name);
    }

    private VaultHttp.Resp alias(Object... kv) {
        return http.post("identity/entity-alias", body(kv));
    }

    @Test
    void createOnEntityReturnsIdAndCanonicalId() {
        String e = entity("e");

        VaultHttp.Resp r = alias("name", "bob", "mount_accessor", userpass, "canonical_id", e);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("canonical_id").asText()).isEqualTo(e);
        assertThat(r.data().get("id").asText()).isNotBlank();
    }

    @Test
    void createWithoutCanonicalIdCreatesAnEntityWithGeneratedName() {
        VaultHttp.Resp r = alias("name", "bob", "mount_accessor", userpass);

        String entityId = r.data().get("canonical_id").asText();
        JsonNode e = http.get("identity/entity/id/" + entityId).data();
        assertThat(e.get("name").asText()).matches("entity_[0-9a-f]{8}");
        assertThat(e.get("aliases").get(0).get("name").asText()).isEqualTo("bob");
    }

    @Test
    void deprecatedEntityIdIsUsedWhenCanonicalIdIsEmpty() {
        String e = entity("e");

        VaultHttp.Resp r = alias("name", "bob", "mount_accessor", userpass, "entity_id", e);

        assertThat(r.data().get("canonical_id").asText()).isEqualTo(e);
    }

    @Test
    void nameAndAccessorAreRequiredWithoutId() {
        assertThat(alias("name", "bob").errors())
                .containsExactly("'id' or 'mount_accessor' and 'name' must be provided");
        assertThat(alias("mount_accessor", userpass).status()).isEqualTo(400);
    }

    @Test
    void unknownAccessorIs400() {
        VaultHttp.Resp r = alias("name", "bob", "mount_accessor", "auth_userpass_00000000");

        assertThat(r.errors()).containsExactly("invalid mount accessor \"auth_userpass_00000000\"");
    }

    @Test
    void unknownCanonicalIdIs400() {
        assertThat(alias("name", "bob", "mount_accessor", userpass, "canonical_id", "nope")
                        .errors())
                .containsExactly("invalid canonical ID");
    }

    @Test
    void oneAliasPerMountPerEntity() {
        String e = entity("e");
        alias("name", "bob", "mount_accessor", userpass, "canonical_id", e);

        VaultHttp.Resp r = alias("name", "robert", "mount_accessor", userpass, "canonical_id", e);

        assertThat(r.errors()).containsExactly("Alias already exists for requested entity and mount accessor");
    }

    @Test
    void factorsAreUniquePerAccessorIgnoringCase() {
        String a = entity("a");
        String b = entity("b");
        String bobId = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();
        String other = alias("name", "carol", "mount_accessor", userpass, "canonical_id", b)
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = http.post("identity/entity-alias/id/" + other, body("name", "BOB"));
        VaultHttp.Resp otherMount = alias("name", "bob", "mount_accessor", approle, "canonical_id", b);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors()).containsExactly("alias with combination of mount accessor and name already exists");
        assertThat(otherMount.status()).isEqualTo(200);
        assertThat(bobId).isNotEqualTo(otherMount.data().get("id").asText());
    }

    @Test
    void caseOnlyRenameOfTheSameAliasIsAllowed() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = http.post("identity/entity-alias/id/" + id, body("name", "Bob"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(http.get("identity/entity-alias/id/" + id).data().get("name").asText())
                .isEqualTo("Bob");
    }

    @Test
    void sameFactorsOnCreateRouteUpdateTheExistingAlias() {
        String a = entity("a");
        String b = entity("b");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = alias("name", "BOB", "mount_accessor", userpass, "canonical_id", b);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("id").asText()).isEqualTo(id);
        assertThat(r.data().get("canonical_id").asText()).isEqualTo(b);
        assertThat(http.get("identity/entity-alias/id/" + id).data().get("name").asText())
                .isEqualTo("BOB");
    }

    @Test
    void factorRouteClearsOmittedCustomMetadata() {
        String a = entity("a");
        String id = alias(
                        "name",
                        "bob",
                        "mount_accessor",
                        userpass,
                        "canonical_id",
                        a,
                        "custom_metadata",
                        Map.of("team", "core"))
                .data()
                .get("id")
                .asText();

        alias("name", "bob", "mount_accessor", userpass);

        assertThat(http.get("identity/entity-alias/id/" + id)
                        .data()
                        .get("custom_metadata")
                        .isNull())
                .isTrue();
    }

    @Test
    void idRouteKeepsOmittedCustomMetadata() {
        String a = entity("a");
        String id = alias(
                        "name",
                        "bob",
                        "mount_accessor",
                        userpass,
                        "canonical_id",
                        a,
                        "custom_metadata",
                        Map.of("team", "core"))
                .data()
                .get("id")
                .asText();

        http.post("identity/entity-alias/id/" + id, body("name", "bobby"));

        JsonNode d = http.get("identity/entity-alias/id/" + id).data();
        assertThat(d.get("name").asText()).isEqualTo("bobby");
        assertThat(d.get("custom_metadata").get("team").asText()).isEqualTo("core");
    }

    @Test
    void updateWithNothingIsANoOp204() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        assertThat(http.post("identity/entity-alias/id/" + id, body()).status()).isEqualTo(204);
        assertThat(http.post("identity/entity-alias/id/" + id, body("name", "bob"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void customMetadataOnlyUpdateWorks() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = http.post("identity/entity-alias/id/" + id, body("custom_metadata", Map.of("k", "v")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(http.get("identity/entity-alias/id/" + id)
                        .data()
                        .get("custom_metadata")
                        .get("k")
                        .asText())
                .isEqualTo("v");
    }

    @Test
    void unknownAliasIdIs400() {
        assertThat(http.post("identity/entity-alias/id/nope", body("name", "x")).errors())
                .containsExactly("invalid alias ID provided");
        assertThat(alias("id", "nope", "name", "x").errors()).containsExactly("invalid alias ID provided");
    }

    @Test
    void changingAccessorToOneTheEntityAlreadyUsesIs400() {
        String a = entity("a");
        alias("name", "bob", "mount_accessor", approle, "canonical_id", a);
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = http.post("identity/entity-alias/id/" + id, body("mount_accessor", approle));

        assertThat(r.errors())
                .containsExactly(
                        "Alias cannot be updated as the entity already has an alias for the given 'mount_accessor' ");
    }

    @Test
    void movingToEntityWithAliasOnMountIs400() {
        String a = entity("a");
        String b = entity("b");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();
        alias("name", "carol", "mount_accessor", userpass, "canonical_id", b);

        VaultHttp.Resp r = http.post("identity/entity-alias/id/" + id, body("canonical_id", b));

        assertThat(r.errors())
                .containsExactly("Alias cannot be updated as the given entity already has an alias for this mount ");
    }

    @Test
    void movingToUnknownEntityIs400() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        assertThat(http.post("identity/entity-alias/id/" + id, body("canonical_id", "nope"))
                        .errors())
                .containsExactly("given 'canonical_id' is not associated with an entity");
    }

    @Test
    void movingALocalAliasIs400() {
        http.post("sys/auth/local-up", body("type", "userpass", "local", true));
        String local =
                http.get("sys/auth").data().get("local-up/").get("accessor").asText();
        String a = entity("a");
        String b = entity("b");
        String id = alias("name", "bob", "mount_accessor", local, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        assertThat(http.post("identity/entity-alias/id/" + id, body("canonical_id", b))
                        .errors())
                .containsExactly("local aliases can't be moved between entities");
    }

    @Test
    void movingWorks() {
        String a = entity("a");
        String b = entity("b");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = http.post("identity/entity-alias/id/" + id, body("canonical_id", b));

        assertThat(r.data().get("canonical_id").asText()).isEqualTo(b);
        assertThat(http.get("identity/entity/id/" + a).data().get("aliases").size())
                .isZero();
        assertThat(http.get("identity/entity/id/" + b).data().get("aliases").size())
                .isEqualTo(1);
    }

    @Test
    void readShapeIncludesMountInfo() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        JsonNode d = http.get("identity/entity-alias/id/" + id).data();

        assertThat(d.get("mount_type").asText()).isEqualTo("userpass");
        assertThat(d.get("mount_path").asText()).isEqualTo("auth/userpass/");
        assertThat(d.get("namespace_id").asText()).isEqualTo("root");
        assertThat(d.get("local").asBoolean()).isFalse();
        assertThat(d.get("metadata").isNull()).isTrue();
        assertThat(d.get("merged_from_canonical_ids").isNull()).isTrue();
    }

    @Test
    void customMetadataViolationsAre500() {
        String a = entity("a");
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            tooMany.put("k" + i, "v");
        }

        VaultHttp.Resp many =
                alias("name", "x", "mount_accessor", userpass, "canonical_id", a, "custom_metadata", tooMany);
        VaultHttp.Resp emptyValue =
                alias("name", "x", "mount_accessor", userpass, "canonical_id", a, "custom_metadata", Map.of("k", ""));

        assertThat(many.status()).isEqualTo(500);
        assertThat(many.error())
                .contains("custom_metadata validation failed: payload must contain at most 64 keys, provided 65");
        assertThat(emptyValue.status()).isEqualTo(500);
        assertThat(emptyValue.error())
                .contains(
                        "custom_metadata validation failed: length of value for key \"k\" is 0 but must be 0 < len(value) <= 512");
    }

    @Test
    void deleteIs204EvenWhenMissing() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        assertThat(http.delete("identity/entity-alias/id/" + id).status()).isEqualTo(204);
        assertThat(http.delete("identity/entity-alias/id/" + id).status()).isEqualTo(204);
        assertThat(http.get("identity/entity/id/" + a).data().get("aliases").size())
                .isZero();
    }

    @Test
    void listHasKeyInfoAndIs404WhenEmpty() {
        assertThat(http.list("identity/entity-alias/id").status()).isEqualTo(404);
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        JsonNode d = http.list("identity/entity-alias/id").data();

        assertThat(d.get("keys").get(0).asText()).isEqualTo(id);
        JsonNode info = d.get("key_info").get(id);
        assertThat(info.get("name").asText()).isEqualTo("bob");
        assertThat(info.get("canonical_id").asText()).isEqualTo(a);
        assertThat(info.get("mount_type").asText()).isEqualTo("userpass");
    }

    @Test
    void disablingTheMountDeletesItsAliases() {
        String a = entity("a");
        String id = alias("name", "bob", "mount_accessor", userpass, "canonical_id", a)
                .data()
                .get("id")
                .asText();

        http.delete("sys/auth/userpass");

        assertThat(http.get("identity/entity-alias/id/" + id).status()).isEqualTo(404);
    }
}
