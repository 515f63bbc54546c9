package dev.vaultoidc.core.http;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.json;
import static dev.vaultoidc.core.http.Responses.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class VaultOperationsTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    private VaultClient client() {
        return clientBuilder().build();
    }

    private VaultClient.Builder clientBuilder() {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.token("s.static-token"))
                .retryPolicy(RetryPolicy.none());
    }

    @Test
    void readReturnsTheParsedEnvelopeAndSendsTheToken() throws Exception {
        server.enqueue(json(
                200,
                "{\"request_id\":\"r-1\",\"lease_id\":\"l-1\",\"renewable\":true,\"lease_duration\":60,"
                        + "\"data\":{\"id\":\"e-1\",\"name\":\"alice\"},\"warnings\":[\"w1\"],\"auth\":null,"
                        + "\"mount_type\":\"identity\",\"future_field\":1}"));

        VaultResponse response =
                client().logical().read("identity/entity/id/e-1").orElseThrow();

        assertThat(response.requestId()).isEqualTo("r-1");
        assertThat(response.leaseId()).isEqualTo("l-1");
        assertThat(response.renewable()).isTrue();
        assertThat(response.leaseDuration()).isEqualTo(60);
        assertThat(response.data().get("name").asText()).isEqualTo("alice");
        assertThat(response.warnings()).containsExactly("w1");
        assertThat(response.auth()).isNull();
        assertThat(response.mountType()).isEqualTo("identity");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/identity/entity/id/e-1");
        assertThat(request.getHeaders().get("X-Vault-Token")).isEqualTo("s.static-token");
        assertThat(request.getHeaders().get("X-Vault-Request")).isEqualTo("true");
        assertThat(request.getHeaders().get("X-Vault-Namespace")).isNull();
    }

    @Test
    void nullDataAndWarningsBecomeNullAndEmpty() {
        server.enqueue(envelope("null"));

        VaultResponse response = client().logical().read("identity/oidc/config").orElseThrow();

        assertThat(response.data()).isNull();
        assertThat(response.warnings()).isEmpty();
        assertThat(response.keys()).isEmpty();
        assertThat(response.dataAs(Map.class)).isNull();
    }

    @Test
    void readOfMissingObjectIsEmpty() {
        server.enqueue(errors(404));

        assertThat(client().logical().read("identity/entity/id/nope")).isEmpty();
    }

    @Test
    void notFoundFromSomethingOtherThanVaultIsAnErrorNotAbsence() {
        // e.g. a reverse proxy answering for a wrong path prefix: absence would hide the misconfiguration
        server.enqueue(new mockwebserver3.MockResponse.Builder()
                .code(404)
                .body("<html>Not Found</html>")
                .build());
        server.enqueue(new mockwebserver3.MockResponse.Builder()
                .code(404)
                .body("<html>Not Found</html>")
                .build());

        assertThatThrownBy(() -> client().logical().read("identity/entity/id/e-1"))
                .asInstanceOf(type(VaultException.class))
                .extracting(VaultException::reason)
                .isEqualTo(VaultErrorReason.NOT_FOUND);
        assertThatThrownBy(() -> client().logical().list("identity/entity/id"))
                .asInstanceOf(type(VaultException.class))
                .extracting(VaultException::reason)
                .isEqualTo(VaultErrorReason.NOT_FOUND);
    }

    @Test
    void readOfUnsupportedPathIsNotFoundException() {
        server.enqueue(errors(404, "1 error occurred:\n\t* unsupported path\n\n"));

        assertThatThrownBy(() -> client().logical().read("identity/bogus"))
                .asInstanceOf(type(VaultException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errors()).hasSize(1).first().asString().contains("unsupported path");
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.path()).isEqualTo("identity/bogus");
                    assertThat(e.getMessage()).contains("NOT_FOUND", "404", "GET identity/bogus", "unsupported path");
                });
    }

    @Test
    void readWithQueryEncodesParametersButKeepsThemOutOfErrors() throws Exception {
        server.enqueue(errors(400, "bad"));

        assertThatThrownBy(() -> client().logical().read("sys/thing", Map.of("secretish", "a b&c")))
                .asInstanceOf(type(VaultException.class))
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo("sys/thing");
                    assertThat(e.getMessage()).doesNotContain("a b&c").doesNotContain("secretish");
                });
        assertThat(server.takeRequest().getUrl().queryParameter("secretish")).isEqualTo("a b&c");
    }

    record EntityUpdate(String name, List<String> policies, Map<String, String> metadata) {}

    @Test
    void writeSendsOnlySuppliedFieldsAsJsonAndReturnsEmptyOn204() throws Exception {
        server.enqueue(noContent());

        Optional<VaultResponse> response =
                client().logical().write("/identity/entity/id/e-1", new EntityUpdate(null, List.of("p1"), null));

        assertThat(response).isEmpty();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/identity/entity/id/e-1");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"policies\":[\"p1\"]}");
    }

    @Test
    void writeReturnsEnvelopeWithWarnings() {
        server.enqueue(
                json(200, "{\"data\":null,\"warnings\":[\"Endpoint ignored these unrecognized parameters: [x]\"]}"));

        VaultResponse response =
                client().logical().write("identity/oidc/config", Map.of("x", 1)).orElseThrow();

        assertThat(response.data()).isNull();
        assertThat(response.warnings()).containsExactly("Endpoint ignored these unrecognized parameters: [x]");
    }

    @Test
    void listUsesTheListVerbByDefault() throws Exception {
        server.enqueue(envelope("{\"keys\":[\"a\",\"b\"],\"key_info\":{\"a\":{\"name\":\"n\"}}}"));

        VaultResponse response = client().logical().list("identity/entity/id");

        assertThat(response.keys()).containsExactly("a", "b");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("LIST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/identity/entity/id");
        assertThat(request.getUrl().query()).isNull();
    }

    @Test
    void listCanUseGetWithListQueryForProxiesThatRejectList() throws Exception {
        server.enqueue(envelope("{\"keys\":[\"k1\"]}"));

        VaultResponse response = clientBuilder()
                .listMode(ListMode.GET_WITH_LIST_QUERY)
                .build()
                .logical()
                .list("identity/oidc/key");

        assertThat(response.keys()).containsExactly("k1");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().queryParameter("list")).isEqualTo("true");
    }

    @Test
    void emptyListIsAnEmptyResponseNotAnError() {
        server.enqueue(errors(404));

        VaultResponse response = client().logical().list("identity/group/id");

        assertThat(response.keys()).isEmpty();
        assertThat(response.warnings()).isEmpty();
    }

    @Test
    void listOfUnknownPathIsNotFound() {
        server.enqueue(errors(404, "unsupported path"));

        assertThatThrownBy(() -> client().logical().list("identity/nope"))
                .asInstanceOf(type(VaultException.class))
                .extracting(VaultException::reason, VaultException::method)
                .containsExactly(VaultErrorReason.NOT_FOUND, "LIST");
    }

    @Test
    void deleteSendsDeleteAndToleratesAbsence() throws Exception {
        server.enqueue(noContent());
        server.enqueue(errors(404));

        client().logical().delete("identity/entity/id/e-1");
        client().logical().delete("identity/entity/id/e-1");

        assertThat(server.takeRequest().getMethod()).isEqualTo("DELETE");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void readRawReturnsDocumentsServedWithoutEnvelope() throws Exception {
        server.enqueue(json(200, "{\"issuer\":\"https://vault/v1/identity/oidc\",\"jwks_uri\":\"x\"}"));

        JsonNode doc = client().logical().readRaw("identity/oidc/.well-known/openid-configuration");

        assertThat(doc.get("issuer").asText()).isEqualTo("https://vault/v1/identity/oidc");
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/v1/identity/oidc/.well-known/openid-configuration");
    }

    @Test
    void writeRawReturnsTheRawAnswer() throws Exception {
        server.enqueue(json(200, "{\"active\":true}"));

        JsonNode answer = client().logical().writeRaw("identity/oidc/introspect", Map.of("token", "eyJ"));

        assertThat(answer.get("active").asBoolean()).isTrue();
        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"token\":\"eyJ\"}");
    }

    @Test
    void errorWithDataExposesTheData() {
        server.enqueue(json(400, "{\"errors\":[\"conflicting aliases\"],\"data\":{\"conflicts\":[\"a1\"]}}"));

        assertThatThrownBy(() -> client().logical().write("identity/entity/merge", Map.of()))
                .asInstanceOf(type(VaultException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.data().get("conflicts").get(0).asText()).isEqualTo("a1");
                    assertThat(e.errors()).containsExactly("conflicting aliases");
                });
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entity(
            String id,
            String name,
            @JsonProperty("policies") List<String> policies) {}

    @Test
    void dataConvertsToRecordsIgnoringUnknownFields() {
        server.enqueue(envelope("{\"id\":\"e-1\",\"name\":\"alice\",\"policies\":[\"p\"],\"bucket_key_hash\":\"x\"}"));
        server.enqueue(envelope("{\"a\":{\"id\":\"1\"}}"));

        assertThat(client().logical()
                        .read("identity/entity/id/e-1")
                        .orElseThrow()
                        .dataAs(Entity.class))
                .isEqualTo(new Entity("e-1", "alice", List.of("p")));
        Map<String, Entity> byKey =
                client().logical().read("x").orElseThrow().dataAs(new TypeReference<Map<String, Entity>>() {});
        assertThat(byKey.get("a").id()).isEqualTo("1");
    }

    @Test
    void dataOfTheWrongShapeIsMalformed() {
        server.enqueue(envelope("{\"id\":{\"nested\":true}}"));
        VaultResponse response =
                client().logical().read("identity/entity/id/e-1").orElseThrow();

        assertThatThrownBy(() -> response.dataAs(Entity.class))
                .asInstanceOf(type(VaultException.class))
                .extracting(VaultException::reason)
                .isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
    }

    @Test
    void namespaceIsSentAndDerivedClientsShareTheConnectionPool() throws Exception {
        server.enqueue(envelope("{}"));
        server.enqueue(envelope("{}"));
        VaultClient ns1 = clientBuilder().namespace("ns1/").build();
        VaultClient ns2 = ns1.newBuilder().namespace("ns2").build();

        ns1.logical().read("a");
        ns2.logical().read("b");

        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertThat(first.getHeaders().get("X-Vault-Namespace")).isEqualTo("ns1/");
        assertThat(second.getHeaders().get("X-Vault-Namespace")).isEqualTo("ns2");
        assertThat(second.getHeaders().get("X-Vault-Token")).isEqualTo("s.static-token");
        // Same pool: the derived client reused the parent's keep-alive connection.
        assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
        assertThat(ns2.namespace()).contains("ns2");
    }

    @Test
    void addressMayHaveATrailingSlashOrAProxyPrefix() throws Exception {
        server.enqueue(envelope("{}"));
        server.enqueue(envelope("{}"));
        String base = server.url("/").toString();

        VaultClient.builder()
                .address(base + "/")
                .auth(VaultAuth.token("t"))
                .build()
                .logical()
                .read("a");
        VaultClient.builder()
                .address(base + "vault/")
                .auth(VaultAuth.token("t"))
                .build()
                .logical()
                .read("a");

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/a");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/vault/v1/a");
    }

    @Test
    void builderRejectsBadConfigurationEagerly() {
        assertThatThrownBy(() -> VaultClient.builder().address("ftp://vault"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VaultClient.builder().address("https://vault").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auth");
        assertThatThrownBy(() -> client().logical().read("a?b=c")).isInstanceOf(IllegalArgumentException.class);
    }
}
