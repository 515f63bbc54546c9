package dev.vaultoidc.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.http.ListMode;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.identity.Group.GroupType;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Runs on the emulator and on OpenBao; each test in a clean sandbox (emulator reset or new namespace). */
class GroupsTest {

    private Sandbox vault;
    private IdentityOperations identity;
    private Groups groups;

    @BeforeEach
    void setUp(TestServer server) {
        this.vault = Sandbox.open(server);
        this.identity = vault.root().identity();
        this.groups = identity.groups();
    }

    private String entity(String name) {
        return identity.entities()
                .createOrUpdate(EntityRequest.builder().name(name).build())
                .orElseThrow()
                .id();
    }

    @BothServers
    void createsReadsUpdatesAndDeletesById(TestServer server) {
        String alice = entity("alice");
        Groups.Ref created = groups.createOrUpdate(GroupRequest.builder()
                        .name("admins")
                        .policies("admin")
                        .metadata(Map.of("tier", "1"))
                        .memberEntityIds(alice)
                        .build())
                .orElseThrow();
        assertThat(created.name()).isEqualTo("admins");

        Group read = groups.read(created.id()).orElseThrow();
        assertThat(read.type()).isEqualTo(GroupType.INTERNAL);
        assertThat(read.policies()).containsExactly("admin");
        assertThat(read.metadata()).containsExactly(Map.entry("tier", "1"));
        assertThat(read.memberEntityIds()).containsExactly(alice);
        assertThat(read.memberGroupIds()).isEmpty();
        assertThat(read.parentGroupIds()).isEmpty();
        assertThat(read.alias()).isNull();
        assertThat(read.findAlias()).isEmpty();
        assertThat(read.modifyIndex()).isEqualTo(1);
        assertThat(read.creationTime()).isNotNull();
        assertThat(identity.entities().read(alice).orElseThrow().directGroupIds())
                .containsExactly(created.id());

        groups.update(created.id(), GroupRequest.builder().name("admins2").build());
        assertThat(groups.read(created.id()).orElseThrow().name()).isEqualTo("admins2");
        assertThat(groups.createOrUpdate(
                        GroupRequest.builder().id(created.id()).policies("x").build()))
                .isEmpty();
        assertThat(groups.read(created.id()).orElseThrow().policies()).containsExactly("x");

        groups.delete(created.id());
        assertThat(groups.read(created.id())).isEmpty();
        groups.delete(created.id());
    }

    @BothServers
    void createOrUpdateByNameWithSlashTellsCreateFromUpdate(TestServer server) {
        assertThat(groups.createOrUpdateByName(
                        "org/eng", GroupRequest.builder().policies("a").build()))
                .map(Groups.Ref::name)
                .contains("org/eng");
        assertThat(groups.createOrUpdateByName(
                        "org/eng", GroupRequest.builder().policies("b").build()))
                .isEmpty();

        assertThat(groups.readByName("ORG/ENG").orElseThrow().policies()).containsExactly("b");
        groups.deleteByName("org/eng");
        assertThat(groups.readByName("org/eng")).isEmpty();
    }

    @BothServers
    void updateWithoutMemberListsKeepsMembers(TestServer server) {
        String alice = entity("alice");
        String child = groups.createOrUpdate(
                        GroupRequest.builder().name("child").build())
                .orElseThrow()
                .id();
        String parent = groups.createOrUpdate(GroupRequest.builder()
                        .name("parent")
                        .memberEntityIds(alice)
                        .memberGroupIds(child)
                        .build())
                .orElseThrow()
                .id();

        // hvac's update_group would send member lists as null here and wipe them (spec §8.3 Q1).
        groups.update(parent, GroupRequest.builder().policies("p").build());
        groups.createOrUpdate(
                GroupRequest.builder().name("parent").metadata(Map.of("k", "v")).build());

        Group read = groups.read(parent).orElseThrow();
        assertThat(read.policies()).containsExactly("p");
        assertThat(read.memberEntityIds()).containsExactly(alice);
        assertThat(read.memberGroupIds()).containsExactly(child);
        assertThat(groups.read(child).orElseThrow().parentGroupIds()).containsExactly(parent);

        groups.update(
                parent,
                GroupRequest.builder()
                        .memberEntityIds(List.of())
                        .memberGroupIds(List.of())
                        .build());
        Group cleared = groups.read(parent).orElseThrow();
        assertThat(cleared.memberEntityIds()).isEmpty();
        assertThat(cleared.memberGroupIds()).isEmpty();
    }

    @BothServers
    void updatesAnExternalGroupWithoutRepeatingItsType(TestServer server) {
        String id = groups.createOrUpdate(GroupRequest.builder()
                        .name("ext")
                        .type(GroupType.EXTERNAL)
                        .build())
                .orElseThrow()
                .id();

        // hvac resends type=internal here and Vault answers 400 "group type cannot be changed" (Q2).
        groups.update(
                id,
                GroupRequest.builder().policies("p").metadata(Map.of("k", "v")).build());
        groups.createOrUpdateByName("ext", GroupRequest.builder().policies("q").build());

        Group read = groups.read(id).orElseThrow();
        assertThat(read.type()).isEqualTo(GroupType.EXTERNAL);
        assertThat(read.policies()).containsExactly("q");
        assertThat(read.metadata()).containsEntry("k", "v");

        assertThatThrownBy(() -> groups.update(
                        id, GroupRequest.builder().type(GroupType.INTERNAL).build()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.errors()).containsExactly("group type cannot be changed");
                });
    }

    @BothServers
    void unknownMemberIsAServerErrorAsInVault(TestServer server) {
        assertThatThrownBy(() -> groups.createOrUpdate(GroupRequest.builder()
                        .name("g")
                        .memberEntityIds("00000000-0000-0000-0000-000000000000")
                        .build()))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.SERVER_ERROR));
    }

    @BothServers
    void listsWithKeyInfoInBothModes(TestServer server) {
        assertThat(groups.list()).isEmpty();
        assertThat(groups.listNames(ListMode.GET_WITH_LIST_QUERY)).isEmpty();
        String alice = entity("alice");
        String bob = entity("bob");
        String team = groups.createOrUpdate(GroupRequest.builder()
                        .name("team")
                        .memberEntityIds(alice, bob)
                        .build())
                .orElseThrow()
                .id();
        String parent = groups.createOrUpdate(GroupRequest.builder()
                        .name("parent")
                        .memberGroupIds(team)
                        .build())
                .orElseThrow()
                .id();

        List<Groups.Summary> listed = groups.list();
        assertThat(listed).isEqualTo(groups.list(ListMode.GET_WITH_LIST_QUERY));
        assertThat(listed)
                .containsExactlyInAnyOrder(
                        new Groups.Summary(team, "team", 2, 1, null), new Groups.Summary(parent, "parent", 0, 0, null));
        assertThat(groups.listNames()).containsExactlyInAnyOrder("team", "parent");
        assertThat(groups.listNames(ListMode.GET_WITH_LIST_QUERY)).containsExactlyInAnyOrder("team", "parent");
    }

    @BothServers
    void groupAliasesRoundTripAndFindTheirGroup(TestServer server) {
        // OpenBao 2.7.2 ships only approle, cert, jwt, kubernetes, oidc and userpass (no ldap).
        String accessor = vault.enableAuth("oidc");
        String ext = groups.createOrUpdate(GroupRequest.builder()
                        .name("ext")
                        .type(GroupType.EXTERNAL)
                        .build())
                .orElseThrow()
                .id();
        GroupAliases aliases = identity.groupAliases();

        AliasRef ref = aliases.createOrUpdate(GroupAliasRequest.builder("cn=devs", accessor)
                        .canonicalId(ext)
                        .build())
                .orElseThrow();
        assertThat(ref.canonicalId()).isEqualTo(ext);

        GroupAlias read = aliases.read(ref.id()).orElseThrow();
        assertThat(read.name()).isEqualTo("cn=devs");
        assertThat(read.mountAccessor()).isEqualTo(accessor);
        assertThat(read.mountType()).isEqualTo("oidc");
        assertThat(read.canonicalId()).isEqualTo(ext);
        assertThat(groups.read(ext).orElseThrow().findAlias())
                .map(GroupAlias::id)
                .contains(ref.id());
        assertThat(groups.list())
                .singleElement()
                .satisfies(s -> assertThat(s.alias().name()).isEqualTo("cn=devs"));

        assertThat(identity.lookup().groupByAlias(accessor, "CN=DEVS"))
                .map(Group::id)
                .contains(ext);
        assertThat(identity.lookup().groupByAliasId(ref.id())).map(Group::id).contains(ext);
        assertThat(identity.lookup().groupById(ext)).map(Group::name).contains("ext");
        assertThat(identity.lookup().groupByName("ext")).map(Group::id).contains(ext);
        assertThat(identity.lookup().groupByAlias(accessor, "cn=nobody")).isEmpty();

        assertThat(aliases.update(
                        ref.id(), GroupAliasRequest.builder("cn=devs", accessor).build()))
                .isEmpty();
        assertThat(aliases.update(
                        ref.id(),
                        GroupAliasRequest.builder("cn=developers", accessor).build()))
                .contains(ref);
        assertThat(aliases.list())
                .isEqualTo(aliases.list(ListMode.GET_WITH_LIST_QUERY))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.id()).isEqualTo(ref.id());
                    assertThat(l.name()).isEqualTo("cn=developers");
                    assertThat(l.canonicalId()).isEqualTo(ext);
                });

        aliases.delete(ref.id());
        assertThat(aliases.read(ref.id())).isEmpty();
        assertThat(aliases.list()).isEmpty();
        assertThat(groups.read(ext).orElseThrow().findAlias()).isEmpty();
    }

    @BothServers
    void groupAliasWithoutGroupCreatesAnExternalGroup(TestServer server) {
        String accessor = vault.enableAuth("oidc");

        AliasRef ref = identity.groupAliases()
                .createOrUpdate(GroupAliasRequest.builder("cn=ops", accessor).build())
                .orElseThrow();

        assertThat(groups.read(ref.canonicalId()).orElseThrow().type()).isEqualTo(GroupType.EXTERNAL);
    }

    @BothServers
    void aliasOnAnInternalGroupIsATypedError(TestServer server) {
        String accessor = vault.enableAuth("oidc");
        String internal = groups.createOrUpdate(
                        GroupRequest.builder().name("int").build())
                .orElseThrow()
                .id();

        assertThatThrownBy(() -> identity.groupAliases()
                        .createOrUpdate(GroupAliasRequest.builder("cn=x", accessor)
                                .canonicalId(internal)
                                .build()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.errors()).containsExactly("alias can't be set on an internal group");
                });
    }
}
