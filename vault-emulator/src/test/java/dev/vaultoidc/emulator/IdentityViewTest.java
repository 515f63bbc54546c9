package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The view the OIDC engine reads: entity, aliases, direct and inherited groups (spec §7.6). */
@ExtendWith(VaultEmulatorExtension.class)
class IdentityViewTest {

    @Test
    void snapshotCarriesAliasesAndAllGroups(VaultEmulator vault) {
        vault.reset();
        VaultHttp http = new VaultHttp(vault);
        String accessor = vault.enableAuth("userpass");
        String entityId = vault.createEntity("svc");
        http.post("identity/entity/id/" + entityId, body("metadata", Map.of("team", "core")));
        http.post(
                "identity/entity-alias",
                body(
                        "name",
                        "bob",
                        "mount_accessor",
                        accessor,
                        "canonical_id",
                        entityId,
                        "custom_metadata",
                        Map.of("k", "v")));
        String direct = http.post(
                        "identity/group",
                        body("name", "direct", "member_entity_ids", List.of(entityId), "metadata", Map.of("g", "1")))
                .data()
                .get("id")
                .asText();
        String parent = http.post("identity/group", body("name", "parent", "member_group_ids", List.of(direct)))
                .data()
                .get("id")
                .asText();

        IdentityView.EntitySnapshot e = vault.core().identity.entity(entityId).orElseThrow();

        assertThat(e.name()).isEqualTo("svc");
        assertThat(e.metadata()).containsEntry("team", "core");
        assertThat(e.aliases()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("bob");
            assertThat(a.mountAccessor()).isEqualTo(accessor);
            assertThat(a.customMetadata()).containsEntry("k", "v");
        });
        assertThat(e.groups()).extracting(IdentityView.GroupSnapshot::id).containsExactly(direct, parent);
        assertThat(e.groups().get(0).metadata()).containsEntry("g", "1");
        assertThat(vault.core().identity.entity("nope")).isEmpty();
        assertThat(vault.core().identity.namespaceId()).isEqualTo("root");
    }

    @Test
    void timestampsAreRfc3339WithTrimmedNanoseconds() {
        assertThat(Json.timestamp(Instant.parse("2025-07-01T02:55:15.484928925Z")))
                .isEqualTo("2025-07-01T02:55:15.484928925Z");
        assertThat(Json.timestamp(Instant.parse("2025-07-01T02:55:15.400Z"))).isEqualTo("2025-07-01T02:55:15.4Z");
        assertThat(Json.timestamp(Instant.parse("2025-07-01T02:55:15Z"))).isEqualTo("2025-07-01T02:55:15Z");
    }
}
