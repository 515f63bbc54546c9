package dev.vaultoidc.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Runs on the emulator and on OpenBao; each test in a clean sandbox (emulator reset or new namespace). */
class EntityAliasesTest {

    private Sandbox vault;
    private IdentityOperations identity;
    private String accessor;
    private String entityId;

    @BeforeEach
    void setUp(TestServer server) {
        this.vault = Sandbox.open(server);
        this.identity = vault.root().identity();
        this.accessor = vault.enableAuth("userpass");
        this.entityId = identity.entities()
                .createOrUpdate(EntityRequest.builder().name("alice").build())
                .orElseThrow()
                .id();
    }

    @BothServers
    void customMetadataRoundTripsAndSurvivesAnUpdateById(TestServer server) {
        AliasRef created = identity.entityAliases()
                .createOrUpdate(EntityAliasRequest.builder()
                        .name("alice")
                        .mountAccessor(accessor)
                        .canonicalId(entityId)
                        .customMetadata(Map.of("office", "lyon"))
                        .build())
                .orElseThrow();
        assertThat(created.canonicalId()).isEqualTo(entityId);

        EntityAlias read = identity.entityAliases().read(created.id()).orElseThrow();
        assertThat(read.name()).isEqualTo("alice");
        assertThat(read.canonicalId()).isEqualTo(entityId);
        assertThat(read.mountAccessor()).isEqualTo(accessor);
        assertThat(read.mountType()).isEqualTo("userpass");
        assertThat(read.mountPath()).isEqualTo("auth/userpass/");
        assertThat(read.customMetadata()).containsExactly(Map.entry("office", "lyon"));
        assertThat(read.metadata()).isEmpty();
        assertThat(read.mergedFromCanonicalIds()).isEmpty();
        assertThat(read.local()).isFalse();
        assertThat(read.creationTime()).isNotNull();

        AliasRef renamed = identity.entityAliases()
                .update(
                        created.id(),
                        EntityAliasRequest.builder().name("alice.smith").build())
                .orElseThrow();
        assertThat(renamed).isEqualTo(created);
        EntityAlias afterRename = identity.entityAliases().read(created.id()).orElseThrow();
        assertThat(afterRename.name()).isEqualTo("alice.smith");
        assertThat(afterRename.customMetadata()).containsEntry("office", "lyon");

        assertThat(identity.entities().read(entityId).orElseThrow().aliases())
                .singleElement()
                .satisfies(a -> assertThat(a.customMetadata()).containsEntry("office", "lyon"));
    }

    @BothServers
    void anUpdateThatChangesNothingIsEmpty(TestServer server) {
        String id = vault.createEntityAlias(entityId, accessor, "alice");

        assertThat(identity.entityAliases()
                        .update(id, EntityAliasRequest.builder().build()))
                .isEmpty();
    }

    @BothServers
    void createWithoutEntityCreatesOne(TestServer server) {
        AliasRef ref = identity.entityAliases()
                .createOrUpdate(EntityAliasRequest.builder()
                        .name("bob")
                        .mountAccessor(accessor)
                        .build())
                .orElseThrow();

        assertThat(ref.canonicalId()).isNotEqualTo(entityId);
        assertThat(identity.entities().read(ref.canonicalId()).orElseThrow().aliases())
                .extracting(EntityAlias::id)
                .containsExactly(ref.id());
    }

    @BothServers
    void movesAnAliasToAnotherEntity(TestServer server) {
        String id = vault.createEntityAlias(entityId, accessor, "alice");
        String other = identity.entities()
                .createOrUpdate(EntityRequest.builder().name("other").build())
                .orElseThrow()
                .id();

        AliasRef moved = identity.entityAliases()
                .update(id, EntityAliasRequest.builder().canonicalId(other).build())
                .orElseThrow();

        assertThat(moved.canonicalId()).isEqualTo(other);
        assertThat(identity.entities().read(entityId).orElseThrow().aliases()).isEmpty();
    }

    @BothServers
    void secondAliasOnTheSameMountIsATypedError(TestServer server) {
        vault.createEntityAlias(entityId, accessor, "alice");

        assertThatThrownBy(() -> identity.entityAliases()
                        .createOrUpdate(EntityAliasRequest.builder()
                                .name("alice2")
                                .mountAccessor(accessor)
                                .canonicalId(entityId)
                                .build()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.errors())
                            .containsExactly("Alias already exists for requested entity and mount accessor");
                });
    }

    @BothServers
    void listsInBothModesAndDeletes(TestServer server) {
        assertThat(identity.entityAliases().list()).isEmpty();
        AliasRef ref = identity.entityAliases()
                .createOrUpdate(EntityAliasRequest.builder()
                        .name("alice")
                        .mountAccessor(accessor)
                        .canonicalId(entityId)
                        .customMetadata(Map.of("k", "v"))
                        .build())
                .orElseThrow();

        assertThat(identity.entityAliases().list())
                .isEqualTo(identity.entityAliases().list(ListMode.GET_WITH_LIST_QUERY))
                .singleElement()
                .satisfies(listed -> {
                    assertThat(listed.id()).isEqualTo(ref.id());
                    assertThat(listed.name()).isEqualTo("alice");
                    assertThat(listed.canonicalId()).isEqualTo(entityId);
                    assertThat(listed.mountAccessor()).isEqualTo(accessor);
                    assertThat(listed.mountType()).isEqualTo("userpass");
                    assertThat(listed.customMetadata()).containsExactly(Map.entry("k", "v"));
                });

        identity.entityAliases().delete(ref.id());
        assertThat(identity.entityAliases().read(ref.id())).isEmpty();
        assertThat(identity.entityAliases().list(ListMode.GET_WITH_LIST_QUERY)).isEmpty();
        identity.entityAliases().delete(ref.id());
    }

    @BothServers
    void lookupFindsEntitiesByEveryCriterionAndEmptyWhenNothingMatches(TestServer server) {
        String aliasId = vault.createEntityAlias(entityId, accessor, "alice-login");
        IdentityLookup lookup = identity.lookup();

        assertThat(lookup.entityById(entityId)).map(Entity::name).contains("alice");
        assertThat(lookup.entityByName("ALICE")).map(Entity::id).contains(entityId);
        assertThat(lookup.entityByAliasId(aliasId)).map(Entity::id).contains(entityId);
        assertThat(lookup.entityByAlias(accessor, "alice-login"))
                .map(Entity::id)
                .contains(entityId);
        assertThat(lookup.entityByAlias(accessor, "alice-login").orElseThrow().aliases())
                .extracting(EntityAlias::id)
                .containsExactly(aliasId);

        assertThat(lookup.entityById("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(lookup.entityByName("nobody")).isEmpty();
        assertThat(lookup.entityByAliasId("00000000-0000-0000-0000-000000000000"))
                .isEmpty();
        assertThat(lookup.entityByAlias(accessor, "nobody")).isEmpty();
        assertThat(lookup.groupByName("nobody")).isEmpty();
    }
}
