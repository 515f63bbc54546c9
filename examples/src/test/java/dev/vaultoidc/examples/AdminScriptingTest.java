package dev.vaultoidc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The example against the emulator and against OpenBao: the same code, a real server's answers. */
class AdminScriptingTest {

    @BothServers
    void runsEveryHvacIdentityExampleInHvacsOrder(TestServer server) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = AdminScripting.run(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), server.address(), server.rootToken());
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).as(out).isZero();
        assertThat(out)
                .containsSubsequence(
                        "create_or_update_entity: Entity ID for \"hvac-entity\" is: ",
                        "create_or_update_entity_by_name: updated the existing entity",
                        "read_entity: Name for entity ID ",
                        " is: hvac-entity",
                        "read_entity_by_name:",
                        "update_entity: metadata is now {new_metadata=yup}",
                        "delete_entity:",
                        "read now gives Optional.empty",
                        "delete_entity_by_name:",
                        "list_entities:",
                        "list_entities_by_name:",
                        "merge_entities:",
                        "create_or_update_entity_alias:",
                        "read_entity_alias:",
                        " is: hvac-entity-alias",
                        "update_entity_alias: name is now new-alias-name",
                        "list_entity_aliases:",
                        "delete_entity_alias:",
                        "create_or_update_group:",
                        "read_group:",
                        " is: hvac-group",
                        "update_group:",
                        "delete_group:",
                        "list_groups:",
                        "list_groups_by_name:",
                        "create_or_update_group_by_name:",
                        "read_group_by_name:",
                        "delete_group_by_name:",
                        "create_or_update_group_alias:",
                        "update_group_alias:",
                        "read_group_alias:",
                        " is: new-alias-name",
                        "delete_group_alias:",
                        "list_group_aliases:",
                        "lookup_entity:",
                        "lookup_group:",
                        "configure_tokens_backend:",
                        "read_tokens_backend_configuration: Tokens backend issuer: https://python-hvac.org:1234",
                        "create_named_key:",
                        "read_named_key: Identity key \"hvac\" algorithm is: RS256",
                        "delete_named_key:",
                        "list_named_keys: Current token key names: default, hvac",
                        "rotate_named_key:",
                        "create_or_update_role:",
                        "read_role: Identity role \"hvac-person\" is set to use key: hvac-key",
                        "delete_role:",
                        "list_roles: Current token role names: hvac-person",
                        "generate_signed_id_token:",
                        "\"aud\" : \"some-client-id\"",
                        "\"iss\" : \"https://python-hvac.org:1234/v1/identity/oidc\"",
                        "introspect_signed_id_token: Specified token is active?: true",
                        "read_well_known_configurations: JWKS URI is: https://python-hvac.org:1234/v1/identity/oidc/.well-known/keys",
                        "read_active_public_keys: Active public keys: ",
                        "Done: every hvac identity example ran.");
        // Deletes acted on scratch objects; hvac-entity and hvac-group survived to the lookups.
        assertThat(out)
                .containsPattern("lookup_entity: Entity ID for \"hvac-entity\" is: [0-9a-f-]{36}")
                .containsPattern("lookup_group: Group ID for \"hvac-group\" is: [0-9a-f-]{36}")
                .containsPattern("list_entities_by_name: .*\\[.*hvac-entity.*]")
                .doesNotContain("FAILED")
                // Only decoded claims are printed, never a compact token.
                .doesNotContainPattern("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }
}
