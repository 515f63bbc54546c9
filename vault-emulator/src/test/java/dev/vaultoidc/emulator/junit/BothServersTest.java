package dev.vaultoidc.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

class BothServersTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SERVERS = ConcurrentHashMap.newKeySet();

    private TestServer fromBeforeEach;

    @BeforeEach
    void setUp(TestServer server) {
        fromBeforeEach = server;
    }

    @BothServers
    void oneBodyCreatesAnEntityOnEachServer(TestServer server) throws Exception {
        assertThat(fromBeforeEach).isSameAs(server);
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.address() + "/v1/identity/entity"))
                        .header("X-Vault-Token", server.rootToken())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"both-servers\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(created.body()).get("data");
        assertThat(data.get("name").asText()).isEqualTo("both-servers");
        SERVERS.add(server.toString() + "@" + server.address());
    }

    @BothServers
    void sameServerForTheWholeClassAndEmulatorControlsOnlyOnTheEmulator(TestServer server) {
        assertThat(SERVERS.stream().filter(s -> s.startsWith(server.toString())))
                .allMatch(s -> s.equals(server + "@" + server.address()));
        if (server.isEmulator()) {
            assertThat(server.emulator().address()).isEqualTo(server.address());
        } else {
            assertThat(server.kind()).isEqualTo(TestServer.Kind.OPENBAO);
            assertThatThrownBy(server::emulator).isInstanceOf(IllegalStateException.class);
        }
    }

    @AfterAll
    static void bothKindsRanUnlessOpenBaoIsMissing() {
        assertThat(SERVERS).anyMatch(s -> s.startsWith("emulator@"));
        assertThat(SERVERS).hasSizeLessThanOrEqualTo(2);
    }
}
