package dev.vaultoidc.core.identity;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.noContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.ListMode;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the admin API puts on the wire and how it reads Vault answers the emulator never gives. */
class IdentityWireTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private IdentityOperations identity;

    @BeforeEach
    void setUp() {
        identity = VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("t"))
                .build()
                .identity();
    }

    @Test
    void listModeComesFromTheClientUnlessTheCallOverridesIt() throws Exception {
        server.enqueue(envelope("{\"keys\":[\"a\"]}"));
        server.enqueue(envelope("{\"keys\":[\"a\"]}"));
        IdentityOperations viaGet = VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("t"))
                .listMode(ListMode.GET_WITH_LIST_QUERY)
                .build()
                .identity();

        identity.groups().listNames();
        viaGet.groups().listNames();

        RecordedRequest byVerb = server.takeRequest();
        assertThat(byVerb.getMethod()).isEqualTo("LIST");
        assertThat(byVerb.getUrl().encodedPath()).isEqualTo("/v1/identity/group/name");
        RecordedRequest byQuery = server.takeRequest();
        assertThat(byQuery.getMethod()).isEqualTo("GET");
        assertThat(byQuery.getUrl().query()).isEqualTo("list=true");

        server.enqueue(envelope("{\"keys\":[\"a\"]}"));
        identity.entityAliases().list(ListMode.GET_WITH_LIST_QUERY);
        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
        server.enqueue(envelope("{\"keys\":[\"a\"]}"));
        viaGet.groupAliases().list(ListMode.LIST_VERB);
        assertThat(server.takeRequest().getMethod()).isEqualTo("LIST");
    }

    @Test
    void groupUpdateSendsOnlyTheFieldsSet() throws Exception {
        server.enqueue(noContent());

        identity.groups().update("g1", GroupRequest.builder().policies("p").build());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/identity/group/id/g1");
        // No member lists (hvac Q1 would send them as null and wipe membership), no type (Q2).
        assertThat(request.getBody().utf8()).isEqualTo("{\"policies\":[\"p\"]}");
    }

    @Test
    void namesArePercentEncodedButKeepTheirSlashes() throws Exception {
        server.enqueue(errors(404));

        identity.entities().readByName("team a/süß 100%");

        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/v1/identity/entity/name/team%20a/s%C3%BC%C3%9F%20100%25");
    }

    @Test
    void readsNullListsAsEmptyAndIgnoresUnknownFields() {
        server.enqueue(envelope("{\"id\":\"e1\",\"name\":\"n\",\"metadata\":null,\"policies\":null,"
                + "\"merged_entity_ids\":null,\"aliases\":null,\"direct_group_ids\":null,\"group_ids\":null,"
                + "\"creation_time\":\"2025-07-01T02:55:15.484928925Z\",\"bucket_key_hash\":123,\"new_field\":{}}"));

        Entity entity = identity.entities().read("e1").orElseThrow();

        assertThat(entity.metadata()).isEmpty();
        assertThat(entity.policies()).isEmpty();
        assertThat(entity.aliases()).isEmpty();
        assertThat(entity.inheritedGroupIds()).isEmpty();
        assertThat(entity.creationTime()).isEqualTo(Instant.parse("2025-07-01T02:55:15.484928925Z"));
        assertThat(entity.lastUpdateTime()).isNull();
    }

    @Test
    void listWithoutKeyInfoKeepsTheKeys() {
        server.enqueue(envelope("{\"keys\":[\"e1\",\"e2\"],\"key_info\":{\"e2\":{\"name\":\"two\"}}}"));

        assertThat(identity.entities().list())
                .containsExactly(new Entities.Summary("e1", null, null), new Entities.Summary("e2", "two", null));
    }
}
