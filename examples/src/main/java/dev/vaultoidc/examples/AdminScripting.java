package dev.vaultoidc.examples;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.identity.AliasRef;
import dev.vaultoidc.core.identity.Entity;
import dev.vaultoidc.core.identity.EntityAlias;
import dev.vaultoidc.core.identity.EntityAliasRequest;
import dev.vaultoidc.core.identity.EntityMergeRequest;
import dev.vaultoidc.core.identity.EntityRequest;
import dev.vaultoidc.core.identity.Group;
import dev.vaultoidc.core.identity.Group.GroupType;
import dev.vaultoidc.core.identity.GroupAlias;
import dev.vaultoidc.core.identity.GroupAliasRequest;
import dev.vaultoidc.core.identity.GroupRequest;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.oidc.IdToken;
import dev.vaultoidc.core.oidc.Introspection;
import dev.vaultoidc.core.oidc.NamedKeyRequest;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.RoleRequest;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * hvac's identity examples, in Java, in the order of hvac's documentation: entities, entity aliases,
 * groups, group aliases, lookups, then identity tokens. Runs against an embedded Vault emulator.
 *
 * <p>Each hvac snippet stands alone; run as one script, a delete would remove the object later
 * snippets use. So every delete here acts on a scratch object created just before it, and the
 * walkthrough keeps using {@code hvac-entity} and {@code hvac-group}.
 */
public final class AdminScripting {

    private AdminScripting() {}

    /**
     * Starts an emulator, runs the walkthrough against it, exits with its status.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /**
     * Runs the walkthrough against a fresh embedded emulator.
     *
     * @param out where the steps are printed
     * @return 0 on success, 1 when a step failed (the failure is printed)
     */
    public static int run(PrintStream out) {
        try (VaultEmulator emulator = VaultEmulator.builder().build().start()) {
            return run(out, emulator.address(), emulator.rootToken(), "an embedded Vault emulator");
        }
    }

    /**
     * Runs the walkthrough against the Vault at {@code address} (a fresh one: it creates hvac's fixed names).
     *
     * @param out     where the steps are printed
     * @param address the Vault's address
     * @param token   a token allowed to administer {@code identity/}
     * @return 0 on success, 1 when a step failed (the failure is printed)
     */
    public static int run(PrintStream out, String address, String token) {
        return run(out, address, token, "the Vault");
    }

    private static int run(PrintStream out, String address, String token, String which) {
        Narrator n = new Narrator(out);
        try {
            n.line("vault-oidc admin scripting: hvac's identity examples in Java, against " + which + " at " + address);
            VaultClient vault = VaultClient.builder()
                    .address(address)
                    .auth(VaultAuth.token(token))
                    .build();
            new Script(vault, n).run();
            n.line("");
            n.line("Done: every hvac identity example ran.");
            return 0;
        } catch (RuntimeException e) {
            out.println();
            out.println("FAILED: " + e);
            return 1;
        }
    }

    /** The walkthrough itself; fields carry IDs from one snippet to the next, as hvac's globals do. */
    private static final class Script {
        private final VaultClient vault;
        private final IdentityOperations id;
        private final Narrator n;
        private String entityId;
        private String groupId;
        private String accessor;

        Script(VaultClient vault, Narrator n) {
            this.vault = vault;
            this.id = vault.identity();
            this.n = n;
        }

        void run() {
            entities();
            entityAliases();
            groups();
            groupAliases();
            lookups();
            tokens();
        }

        private void entities() {
            n.section("Entity");
            entityId = id.entities()
                    .createOrUpdate(EntityRequest.builder()
                            .name("hvac-entity")
                            .metadata(Map.of("extra_datas", "yup"))
                            .build())
                    .orElseThrow()
                    .id();
            n.step("create_or_update_entity: Entity ID for \"hvac-entity\" is: " + entityId);

            Optional<?> byName = id.entities()
                    .createOrUpdateByName(
                            "hvac-entity",
                            EntityRequest.builder()
                                    .metadata(Map.of("new_datas", "uhuh"))
                                    .build());
            n.step("create_or_update_entity_by_name: "
                    + (byName.isEmpty()
                            ? "updated the existing entity (Vault answers 204, so the Optional is empty)"
                            : "created " + byName.get()));

            Entity read = id.entities().read(entityId).orElseThrow();
            n.step("read_entity: Name for entity ID " + entityId + " is: " + read.name());

            Entity readByName = id.entities().readByName("hvac-entity").orElseThrow();
            n.step("read_entity_by_name: Entity ID for \"hvac-entity\" is: " + readByName.id());

            id.entities()
                    .update(
                            entityId,
                            EntityRequest.builder()
                                    .metadata(Map.of("new_metadata", "yup"))
                                    .build());
            n.step("update_entity: metadata is now "
                    + id.entities().read(entityId).orElseThrow().metadata());

            String scratch = id.entities()
                    .createOrUpdate(
                            EntityRequest.builder().name("scratch-entity").build())
                    .orElseThrow()
                    .id();
            id.entities().delete(scratch);
            n.step("delete_entity: deleted scratch entity " + scratch + "; read now gives "
                    + id.entities().read(scratch));

            id.entities()
                    .createOrUpdate(
                            EntityRequest.builder().name("scratch-entity").build());
            id.entities().deleteByName("scratch-entity");
            n.step("delete_entity_by_name: deleted \"scratch-entity\"; read by name now gives "
                    + id.entities().readByName("scratch-entity"));

            n.step("list_entities: The following entity IDs are currently configured: "
                    + id.entities().list().stream().map(e -> e.id()).toList());
            n.step("list_entities_by_name: The following entity names are currently configured: "
                    + id.entities().listNames());

            String from = id.entities()
                    .createOrUpdate(
                            EntityRequest.builder().name("hvac-entity-twin").build())
                    .orElseThrow()
                    .id();
            id.entities().merge(EntityMergeRequest.into(entityId).from(from).build());
            n.step("merge_entities: merged " + from + " into " + entityId + "; merged_entity_ids now "
                    + id.entities().read(entityId).orElseThrow().mergedEntityIds());
        }

        private void entityAliases() {
            n.section("Entity Alias");
            // hvac's examples name the accessor of an AppRole mount; enable one to get a real accessor.
            accessor = AppRoles.enable(vault, "approle").accessor();
            n.step("(setup) enabled AppRole at approle/, mount accessor " + accessor);

            String aliasId = id.entityAliases()
                    .createOrUpdate(EntityAliasRequest.builder()
                            .name("hvac-entity-alias")
                            .canonicalId(entityId)
                            .mountAccessor(accessor)
                            .build())
                    .orElseThrow()
                    .id();
            n.step("create_or_update_entity_alias: Alias ID for \"hvac-entity-alias\" is: " + aliasId);

            EntityAlias alias = id.entityAliases().read(aliasId).orElseThrow();
            n.step("read_entity_alias: Name for entity alias " + aliasId + " is: " + alias.name());

            id.entityAliases()
                    .update(
                            aliasId,
                            EntityAliasRequest.builder()
                                    .name("new-alias-name")
                                    .canonicalId(entityId)
                                    .mountAccessor(accessor)
                                    .build());
            n.step("update_entity_alias: name is now "
                    + id.entityAliases().read(aliasId).orElseThrow().name());

            n.step("list_entity_aliases: The following entity alias IDs are currently configured: "
                    + id.entityAliases().list().stream().map(a -> a.id()).toList());

            id.entityAliases().delete(aliasId);
            n.step("delete_entity_alias: deleted " + aliasId + "; read now gives "
                    + id.entityAliases().read(aliasId));
        }

        private void groups() {
            n.section("Group");
            groupId = id.groups()
                    .createOrUpdate(GroupRequest.builder()
                            .name("hvac-group")
                            .metadata(Map.of("extra_datas", "we gots em"))
                            .build())
                    .orElseThrow()
                    .id();
            n.step("create_or_update_group: Group ID for \"hvac-group\" is: " + groupId);

            Group read = id.groups().read(groupId).orElseThrow();
            n.step("read_group: Name for group ID " + groupId + " is: " + read.name());

            // Only the fields set are sent: membership and type are left alone (hvac's Q1/Q2 traps).
            id.groups()
                    .update(
                            groupId,
                            GroupRequest.builder()
                                    .metadata(Map.of("new_metadata", "yup"))
                                    .build());
            n.step("update_group: metadata is now "
                    + id.groups().read(groupId).orElseThrow().metadata());

            String scratch = id.groups()
                    .createOrUpdate(GroupRequest.builder().name("scratch-group").build())
                    .orElseThrow()
                    .id();
            id.groups().delete(scratch);
            n.step("delete_group: deleted scratch group " + scratch + "; read now gives "
                    + id.groups().read(scratch));

            n.step("list_groups: The following group IDs are currently configured: "
                    + id.groups().list().stream().map(g -> g.id()).toList());
            n.step("list_groups_by_name: The following group names are currently configured: "
                    + id.groups().listNames());

            Optional<?> byName = id.groups()
                    .createOrUpdateByName(
                            "hvac-group",
                            GroupRequest.builder()
                                    .metadata(Map.of("new_datas", "uhuh"))
                                    .build());
            n.step("create_or_update_group_by_name: "
                    + (byName.isEmpty()
                            ? "updated the existing group (Vault answers 204, so the Optional is empty)"
                            : "created " + byName.get()));

            n.step("read_group_by_name: Group ID for \"hvac-group\" is: "
                    + id.groups().readByName("hvac-group").orElseThrow().id());

            id.groups()
                    .createOrUpdateByName(
                            "scratch-group", GroupRequest.builder().build());
            id.groups().deleteByName("scratch-group");
            n.step("delete_group_by_name: deleted \"scratch-group\"; read by name now gives "
                    + id.groups().readByName("scratch-group"));
        }

        private void groupAliases() {
            n.section("Group Alias");
            // Vault accepts group aliases on external groups only.
            String external = id.groups()
                    .createOrUpdate(GroupRequest.builder()
                            .name("hvac-external-group")
                            .type(GroupType.EXTERNAL)
                            .build())
                    .orElseThrow()
                    .id();
            n.step("(setup) external group \"hvac-external-group\": " + external);

            AliasRef created = id.groupAliases()
                    .createOrUpdate(GroupAliasRequest.builder("hvac-group-alias", accessor)
                            .canonicalId(external)
                            .build())
                    .orElseThrow();
            String aliasId = created.id();
            n.step("create_or_update_group_alias: Group alias ID for \"hvac-group_alias\" is: " + aliasId);

            id.groupAliases()
                    .update(
                            aliasId,
                            GroupAliasRequest.builder("new-alias-name", accessor)
                                    .canonicalId(external)
                                    .build());
            n.step("update_group_alias: renamed " + aliasId + " to \"new-alias-name\"");

            GroupAlias read = id.groupAliases().read(aliasId).orElseThrow();
            n.step("read_group_alias: Name for group alias " + aliasId + " is: " + read.name());

            id.groupAliases().delete(aliasId);
            n.step("delete_group_alias: deleted " + aliasId + "; read now gives "
                    + id.groupAliases().read(aliasId));

            n.step("list_group_aliases: The following group alias IDs are currently configured: "
                    + id.groupAliases().list().stream().map(a -> a.id()).toList());
        }

        private void lookups() {
            n.section("Lookup");
            n.step("lookup_entity: Entity ID for \"hvac-entity\" is: "
                    + id.lookup().entityByName("hvac-entity").map(Entity::id).orElse("(none)"));
            n.step("lookup_group: Group ID for \"hvac-group\" is: "
                    + id.lookup().groupByName("hvac-group").map(Group::id).orElse("(none)"));
            n.step("lookup_entity of a name nobody has: " + id.lookup().entityByName("nobody")
                    + " (Vault answers 204; hvac returns the raw response)");
        }

        private void tokens() {
            n.section("Tokens (identity/oidc)");
            OidcAdmin oidc = vault.identity().oidc();

            oidc.writeIssuer("https://python-hvac.org:1234");
            n.step("configure_tokens_backend: issuer set to https://python-hvac.org:1234");
            n.step("read_tokens_backend_configuration: Tokens backend issuer: "
                    + oidc.readConfig().issuer());

            oidc.writeKey("hvac", NamedKeyRequest.builder().build());
            n.step("create_named_key: created key \"hvac\" (only fields you set are sent; Vault applies its defaults)");
            n.step("read_named_key: Identity key \"hvac\" algorithm is: "
                    + oidc.readKey("hvac").orElseThrow().algorithm());

            oidc.writeKey("scratch-key", NamedKeyRequest.builder().build());
            oidc.deleteKey("scratch-key");
            n.step("delete_named_key: deleted \"scratch-key\"; read now gives " + oidc.readKey("scratch-key"));

            n.step("list_named_keys: Current token key names: " + String.join(", ", oidc.listKeys()));

            // hvac posts to the key itself, which rotates nothing (Q3); this is Vault's rotate endpoint.
            oidc.rotateKey("hvac", Duration.ofHours(24));
            n.step("rotate_named_key: rotated \"hvac\"; the retired key stays published for 24h");

            String keyName = "hvac-key";
            String tokenClientId = "some-client-id";
            oidc.writeKey(
                    keyName,
                    NamedKeyRequest.builder().allowedClientIds(tokenClientId).build());
            oidc.writeRole(
                    "hvac-person",
                    RoleRequest.builder().key(keyName).clientId(tokenClientId).build());
            n.step("create_or_update_role: key \"hvac-key\" for client \"some-client-id\", role \"hvac-person\"");

            OidcAdmin.Role role = oidc.readRole("hvac-person").orElseThrow();
            n.step("read_role: Identity role \"hvac-person\" is set to use key: " + role.key());

            oidc.writeRole("scratch-role", RoleRequest.builder().key(keyName).build());
            oidc.deleteRole("scratch-role");
            n.step("delete_role: deleted \"scratch-role\"; read now gives " + oidc.readRole("scratch-role"));

            n.step("list_roles: Current token role names: " + String.join(", ", oidc.listRoles()));

            // As hvac's note says, the token must have an entity: a root token has none. Log in with AppRole.
            AppRoles approle = AppRoles.existing(vault, "approle");
            // Vault's default policy does not allow minting: grant it. The emulator enforces no ACLs and has no
            // policy endpoint (404), the only answer passed over.
            try {
                vault.logical()
                        .write(
                                "sys/policies/acl/hvac-id-token",
                                Map.of(
                                        "policy",
                                        "path \"identity/oidc/token/hvac-person\" { capabilities = [\"read\"] }\n"));
            } catch (VaultException e) {
                if (e.reason() != VaultErrorReason.NOT_FOUND) {
                    throw e;
                }
            }
            approle.writeRole("hvac-app", Map.of("token_ttl", "1h", "token_policies", List.of("hvac-id-token")));
            VaultClient workload = vault.newBuilder()
                    .auth(VaultAuth.appRole(approle.roleId("hvac-app"), approle.newSecretId("hvac-app")))
                    .build();
            IdToken idToken = workload.identity().oidc().generateToken("hvac-person");
            n.step("generate_signed_id_token: (as an AppRole login, which has an entity) Generated signed id token"
                    + " expiring at " + idToken.expiresAt() + "; claims:");
            n.claims(idToken.token());

            Introspection verdict = oidc.introspect(idToken.token());
            n.step("introspect_signed_id_token: Specified token is active?: " + verdict.active());

            n.step("read_well_known_configurations: JWKS URI is: "
                    + oidc.readDiscovery().jwksUri());
            n.step("read_active_public_keys: Active public keys: "
                    + oidc.readJwks().getKeys().stream()
                            .map(k -> k.getKeyID() + " (" + k.getAlgorithm() + ")")
                            .collect(Collectors.joining(", ")));
        }
    }
}
