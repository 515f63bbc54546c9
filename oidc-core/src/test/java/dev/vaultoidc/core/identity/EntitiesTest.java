package dev.vaultoidc.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.RecordedRequest;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** Runs on the emulator and on OpenBao; each test in a clean sandbox (emulator reset or new namespace). */
class EntitiesTest {

    private Sandbox vault;
    private Entities entities;

    @BeforeEach
    void setUp(TestServer server) {
        this.vault = Sandbox.open(server);
        this.entities = vault.root().identity().entities();
    }

    @BothServers
    void createsReadsUpdatesAndDeletesById(TestServer server) {
        Entities.Ref created = entities.createOrUpdate(EntityRequest.builder()
                        .name("billing")
                        .metadata(Map.of("team", "payments"))
                        .policies("b", "a")
                        .build())
                .orElseThrow();
        assertThat(created.name()).isEqualTo("billing");

        Entity read = entities.read(created.id()).orElseThrow();
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.metadata()).containsExactly(Map.entry("team", "payments"));
        assertThat(read.policies()).containsExactly("a", "b");
        assertThat(read.disabled()).isFalse();
        assertThat(read.namespaceId()).isEqualTo(vault.namespaceId());
        assertThat(read.creationTime()).isNotNull();
        assertThat(read.aliases()).isEmpty();
        assertThat(read.mergedEntityIds()).isEmpty();
        assertThat(read.groupIds()).isEmpty();

        // Only the fields set are sent: policies and metadata survive an update of `disabled`.
        entities.update(created.id(), EntityRequest.builder().disabled(true).build());
        Entity updated = entities.read(created.id()).orElseThrow();
        assertThat(updated.disabled()).isTrue();
        assertThat(updated.policies()).containsExactly("a", "b");
        assertThat(updated.metadata()).containsEntry("team", "payments");
        assertThat(updated.lastUpdateTime()).isAfterOrEqualTo(read.lastUpdateTime());

        entities.delete(created.id());
        assertThat(entities.read(created.id())).isEmpty();
        entities.delete(created.id()); // deleting again is not an error
    }

    @BothServers
    void createOrUpdateTellsCreateFromUpdate(TestServer server) {
        assertThat(entities.createOrUpdate(EntityRequest.builder().name("svc").build()))
                .isPresent();

        Optional<Entities.Ref> second = entities.createOrUpdate(
                EntityRequest.builder().name("SVC").metadata(Map.of("v", "2")).build());

        assertThat(second).isEmpty();
        assertThat(entities.readByName("svc").orElseThrow().metadata()).containsEntry("v", "2");
        assertThat(entities.list()).hasSize(1);
    }

    @BothServers
    void createWithoutNameGetsAGeneratedName(TestServer server) {
        Entities.Ref ref =
                entities.createOrUpdate(EntityRequest.builder().build()).orElseThrow();
        // OpenBao suffixes generated names with the namespace id (it has namespaces); Vault CE does not.
        assertThat(ref.name())
                .matches(
                        server.isEmulator()
                                ? "entity_[0-9a-f]{8}"
                                : "entity_[0-9a-f]{8}\\." + java.util.regex.Pattern.quote(vault.namespaceId()));
    }

    @BothServers
    void addressesNamesWithSlashesSpacesAndNonAscii(TestServer server) {
        String name = "team a/süß 100%";

        Entities.Ref created = entities.createOrUpdateByName(
                        name, EntityRequest.builder().policies("p").build())
                .orElseThrow();
        assertThat(created.name()).isEqualTo(name);
        assertThat(entities.createOrUpdateByName(
                        name, EntityRequest.builder().policies("q").build()))
                .isEmpty();

        Entity read = entities.readByName(name).orElseThrow();
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.policies()).containsExactly("q");
        assertThat(entities.listNames()).containsExactly(name);

        entities.deleteByName(name);
        assertThat(entities.readByName(name)).isEmpty();
    }

    @BothServers
    void refusesIdsAndNamesThatWouldAddressAnotherPath(TestServer server) {
        assertThatThrownBy(() -> entities.read("x/../../sys/health")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entities.readByName("a/../b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entities.readByName("what?")).isInstanceOf(IllegalArgumentException.class);
        // What OkHttp would have made of them: a health check, name "b", a query string. Only the
        // emulator keeps a request log; the client refuses before any request on both servers.
        if (server.isEmulator()) {
            assertThat(server.emulator().requests())
                    .extracting(RecordedRequest::path)
                    .noneMatch(p -> p.startsWith("sys/") || p.endsWith("/b") || p.contains("what"));
        }
    }

    @BothServers
    void absentEntitiesAreEmpty(TestServer server) {
        assertThat(entities.read("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(entities.readByName("nobody")).isEmpty();
        assertThat(entities.list()).isEmpty();
        assertThat(entities.list(ListMode.GET_WITH_LIST_QUERY)).isEmpty();
        assertThat(entities.listNames()).isEmpty();
    }

    @BothServers
    void listsWithKeyInfoInBothModes(TestServer server) {
        String accessor = vault.enableAuth("userpass");
        String a = entities.createOrUpdate(EntityRequest.builder().name("a").build())
                .orElseThrow()
                .id();
        String b = entities.createOrUpdate(EntityRequest.builder().name("b").build())
                .orElseThrow()
                .id();
        String aliasId = vault.createEntityAlias(a, accessor, "alice");

        List<Entities.Summary> byVerb = entities.list();
        List<Entities.Summary> byQuery = entities.list(ListMode.GET_WITH_LIST_QUERY);

        assertThat(byVerb).isEqualTo(byQuery);
        assertThat(byVerb).extracting(Entities.Summary::id).containsExactlyInAnyOrder(a, b);
        Entities.Summary withAlias =
                byVerb.stream().filter(s -> s.id().equals(a)).findFirst().orElseThrow();
        assertThat(withAlias.name()).isEqualTo("a");
        assertThat(withAlias.aliases()).singleElement().satisfies(alias -> {
            assertThat(alias.id()).isEqualTo(aliasId);
            assertThat(alias.name()).isEqualTo("alice");
            assertThat(alias.mountAccessor()).isEqualTo(accessor);
            assertThat(alias.mountType()).isEqualTo("userpass");
            assertThat(alias.mountPath()).isEqualTo("auth/userpass/");
        });
        assertThat(entities.listNames(ListMode.GET_WITH_LIST_QUERY)).containsExactlyInAnyOrder("a", "b");
    }

    @BothServers
    void nameInUseIsATypedError(TestServer server) {
        entities.createOrUpdate(EntityRequest.builder().name("a").build());
        String b = entities.createOrUpdate(EntityRequest.builder().name("b").build())
                .orElseThrow()
                .id();

        assertThatThrownBy(() ->
                        entities.update(b, EntityRequest.builder().name("A").build()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).containsExactly("entity name is already in use");
                });
        assertThat(entities.read(b).orElseThrow().name()).isEqualTo("b");
    }

    @BothServers
    void updatingAMissingEntityIsAnError(TestServer server) {
        assertThatThrownBy(() -> entities.update(
                        "00000000-0000-0000-0000-000000000000",
                        EntityRequest.builder().disabled(true).build()))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST));
    }

    @BothServers
    void batchDeleteRemovesOnlyTheGivenEntities(TestServer server) {
        String a = entities.createOrUpdate(EntityRequest.builder().name("a").build())
                .orElseThrow()
                .id();
        String b = entities.createOrUpdate(EntityRequest.builder().name("b").build())
                .orElseThrow()
                .id();
        String c = entities.createOrUpdate(EntityRequest.builder().name("c").build())
                .orElseThrow()
                .id();

        entities.batchDelete(List.of(a, c, "00000000-0000-0000-0000-000000000000"));
        entities.batchDelete(List.of()); // nothing to do, nothing sent

        assertThat(entities.list()).extracting(Entities.Summary::id).containsExactly(b);
    }

    @BothServers
    void mergeClashCarriesTheClashingAliases(TestServer server) {
        String accessor = vault.enableAuth("userpass");
        String to = entities.createOrUpdate(EntityRequest.builder().name("to").build())
                .orElseThrow()
                .id();
        String from = entities.createOrUpdate(
                        EntityRequest.builder().name("from").build())
                .orElseThrow()
                .id();
        vault.createEntityAlias(to, accessor, "alice");
        vault.createEntityAlias(from, accessor, "alice2");

        assertThatThrownBy(() ->
                        entities.merge(EntityMergeRequest.into(to).from(from).build()))
                .isInstanceOfSatisfying(EntityMergeConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.clashes()).singleElement().satisfies(clash -> {
                        assertThat(clash.target())
                                .isEqualTo(new EntityMergeConflictException.ClashingAlias(
                                        "alice", "to", to, "userpass", "auth/userpass/"));
                        assertThat(clash.from())
                                .isEqualTo(new EntityMergeConflictException.ClashingAlias(
                                        "alice2", "from", from, "userpass", "auth/userpass/"));
                    });
                });
        assertThat(entities.read(from)).isPresent();
    }

    @BothServers
    void mergeKeepsTheChosenAliasOnAClash(TestServer server) {
        String accessor = vault.enableAuth("userpass");
        String to = entities.createOrUpdate(EntityRequest.builder().name("to").build())
                .orElseThrow()
                .id();
        String from = entities.createOrUpdate(
                        EntityRequest.builder().name("from").build())
                .orElseThrow()
                .id();
        String toAlias = vault.createEntityAlias(to, accessor, "alice");
        String fromAlias = vault.createEntityAlias(from, accessor, "alice2");

        entities.merge(EntityMergeRequest.into(to)
                .from(from)
                .force(true)
                .keepAliases(fromAlias)
                .build());

        assertThat(entities.read(from)).isEmpty();
        Entity merged = entities.read(to).orElseThrow();
        // The real server deletes the dropped to-alias (read below) but leaves it in the entity's alias
        // list until the entity is written again; the emulator reproduces that (see docs/conformance.md).
        assertThat(merged.aliases()).extracting(EntityAlias::id).containsExactlyInAnyOrder(fromAlias, toAlias);
        assertThat(merged.aliases())
                .filteredOn(a -> a.id().equals(fromAlias))
                .singleElement()
                .satisfies(a -> assertThat(a.mergedFromCanonicalIds()).containsExactly(from));
        assertThat(merged.mergedEntityIds()).containsExactly(from);
        assertThat(vault.root().identity().entityAliases().read(toAlias)).isEmpty();
    }

    @BothServers
    void mergeOfUnknownEntityIsATypedError(TestServer server) {
        String to = entities.createOrUpdate(EntityRequest.builder().name("to").build())
                .orElseThrow()
                .id();

        assertThatThrownBy(() -> entities.merge(EntityMergeRequest.into(to)
                        .from("00000000-0000-0000-0000-000000000000")
                        .build()))
                .isExactlyInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).errors())
                        .containsExactly("entity id to merge from is invalid"));
    }
}
