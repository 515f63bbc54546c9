package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Spec §1: verbs, bodies, envelope, errors, warnings, tokens. */
@EmulatorTest
class HttpLayerTest {

    private final VaultEmulator vault;
    private final VaultHttp http;

    HttpLayerTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    @Test
    void createAnswersTheFullEnvelope() {
        VaultHttp.Resp r = http.post("identity/entity", body("name", "svc"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().fieldNames())
                .toIterable()
                .containsExactly(
                        "request_id",
                        "lease_id",
                        "renewable",
                        "lease_duration",
                        "data",
                        "wrap_info",
                        "warnings",
                        "auth",
                        "mount_type");
        assertThat(r.json().get("request_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(r.json().get("warnings").isNull()).isTrue();
        assertThat(r.json().get("mount_type").asText()).isEqualTo("identity");
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void noContentStillCarriesJsonContentType() {
        String id = http.post("identity/entity", body("name", "svc"))
                .data()
                .get("id")
                .asText();

        VaultHttp.Resp r = http.post("identity/entity/id/" + id, body("policies", "a"));

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.raw().body()).isEmpty();
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void unknownPathIs404UnsupportedPath() {
        VaultHttp.Resp r = http.get("identity/nope");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("unsupported path");
    }

    @Test
    void unsupportedOperationOnKnownPathIs405() {
        assertThat(http.get("identity/entity").status()).isEqualTo(405);
        VaultHttp.Resp r = http.get("identity/entity/id");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.error()).contains("unsupported operation");
    }

    @Test
    void patchAndUnknownVerbsAre405() {
        // PATCH without the merge-patch content type is refused before routing (OpenBao 2.7.2: 415).
        VaultHttp.Resp patch = http.send("PATCH", "identity/entity", "{}");
        assertThat(patch.status()).isEqualTo(415);
        assertThat(patch.errors())
                .containsExactly(
                        "PATCH requires Content-Type of application/merge-patch+json, provided application/json");
        assertThat(http.send("FROB", "identity/entity", null).status()).isEqualTo(405);
    }

    @Test
    void putIsPost() {
        VaultHttp.Resp r = http.send("PUT", "identity/entity", "{\"name\":\"p\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("name").asText()).isEqualTo("p");
    }

    @Test
    void getWithListTrueListsAndNonBooleanListIs400() {
        http.post("identity/entity", body("name", "a"));

        assertThat(http.get("identity/entity/name?list=true")
                        .data()
                        .get("keys")
                        .get(0)
                        .asText())
                .isEqualTo("a");
        assertThat(http.list("identity/entity/name/").status()).isEqualTo(200);
        VaultHttp.Resp bad = http.get("identity/entity/name?list=maybe");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errors()).isEmpty();
    }

    @Test
    void malformedJsonIs400() {
        VaultHttp.Resp r = http.post("identity/entity", "{\"name\":");

        assertThat(r.status()).isEqualTo(400);
        // Vault quotes Go's decoder error (http/handler.go); OpenBao 2.7.2 answered the same shape.
        assertThat(r.errors()).containsExactly("failed to parse JSON input: unexpected EOF");
    }

    @Test
    void formBodiesAreAccepted() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/identity/entity"))
                .header("X-Vault-Token", vault.rootToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=form-made&policies=a&policies=b"))
                .build();

        VaultHttp.Resp r = VaultHttp.exchange(request);

        assertThat(r.status()).isEqualTo(200);
        VaultHttp.Resp read = http.get("identity/entity/name/form-made");
        assertThat(read.data().get("policies").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void formBodyWithABadEscapeIs400LikeVault() {
        // Found by HttpRequestFuzzTest: the emulator answered 500 with a Java exception in "errors".
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/identity/entity"))
                .header("X-Vault-Token", vault.rootToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=form-made&policies=b%zz"))
                .build();

        VaultHttp.Resp r = VaultHttp.exchange(request);

        // OpenBao 2.7.2 answered exactly this, bare (not wrapped), and created nothing.
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors()).containsExactly("error parsing form data");
        assertThat(http.get("identity/entity/name/form-made").status()).isEqualTo(404);
    }

    @Test
    void jsonSentWithFormContentTypeIsReadAsJsonLikeVault() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/identity/entity"))
                .header("X-Vault-Token", vault.rootToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(" {\"name\":\"like-curl\"}"))
                .build();

        VaultHttp.Resp r = VaultHttp.exchange(request);

        assertThat(r.data().get("name").asText()).isEqualTo("like-curl");
    }

    @Test
    void unknownParametersAreWarnedAboutSorted() {
        VaultHttp.Resp r = http.post("identity/entity", body("name", "w", "zeta", 1, "alpha", 2));

        assertThat(r.warnings()).containsExactly("Endpoint ignored these unrecognized parameters: [alpha zeta]");
    }

    /** Both routers used to disagree here; OpenBao 2.7.2 answers exactly these two warnings. */
    @Test
    void ignoredComesBeforeReplacedAndAnEqualPathValueStillCountsAsReplaced() {
        VaultHttp.Resp entity = http.post("identity/entity/name/e2", body("name", "e2", "zz", 1));
        VaultHttp.Resp key = http.get("identity/oidc/key/default?zz=1&name=default&aa=2");

        assertThat(entity.warnings())
                .containsExactly(
                        "Endpoint ignored these unrecognized parameters: [zz]",
                        "Endpoint replaced the value of these parameters with the values captured from the "
                                + "endpoint's path: [name]");
        assertThat(key.warnings())
                .containsExactly(
                        "Endpoint ignored these unrecognized parameters: [aa zz]",
                        "Endpoint replaced the value of these parameters with the values captured from the "
                                + "endpoint's path: [name]");
    }

    @Test
    void coreErrorsAreWrappedExceptOnLoginPaths() {
        assertThat(http.get("identity/oidc/nope").errors())
                .containsExactly("1 error occurred:\n\t* unsupported path\n\n");
        assertThat(http.send("DELETE", "identity/oidc/config", null).errors())
                .containsExactly("1 error occurred:\n\t* unsupported operation\n\n");
        assertThat(http.get("identity/oidc/.well-known/nope").errors()).containsExactly("unsupported path");
        assertThat(http.post("identity/oidc/.well-known/keys", body()).status()).isEqualTo(405);
        assertThat(http.post("identity/oidc/.well-known/keys", body()).errors())
                .containsExactly("unsupported operation");
    }

    @Test
    void noWarningOn204() {
        http.post("identity/entity", body("name", "w"));

        VaultHttp.Resp r = http.post("identity/entity", body("name", "w", "bogus", 1));

        assertThat(r.status()).isEqualTo(204);
    }

    @Test
    void pathParameterWinsOverBody() {
        VaultHttp.Resp r = http.post("identity/entity/name/from-path", body("name", "from-body"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("name").asText()).isEqualTo("from-path");
        assertThat(http.get("identity/entity/name/from-body").status()).isEqualTo(404);
    }

    @Test
    void fieldValidationErrorIs400WithVaultsMessage() {
        VaultHttp.Resp r = http.post("identity/entity", body("name", "v", "disabled", "perhaps"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error())
                .startsWith("Field validation failed: error converting input perhaps for field \"disabled\"");
    }

    @Test
    void missingOrInvalidTokenIs403() {
        VaultHttp.Resp none = http.as(null).get("identity/entity/name/x");
        VaultHttp.Resp bad = http.as("hvs.nonsense").get("identity/entity/name/x");

        assertThat(none.status()).isEqualTo(403);
        assertThat(none.error()).isEqualTo("1 error occurred:\n\t* permission denied\n\n");
        // An unknown token also says "invalid token", as Vault does: clients re-login on it.
        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.error()).isEqualTo("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n");
    }

    @Test
    void bearerTokenIsAccepted() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/auth/token/lookup-self"))
                .header("Authorization", "Bearer " + vault.rootToken())
                .GET()
                .build();

        VaultHttp.Resp r = VaultHttp.exchange(request);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("policies").get(0).asText()).isEqualTo("root");
    }

    @Test
    void healthNeedsNoTokenAndHasNoEnvelope() {
        VaultHttp.Resp r = http.as(null).get("sys/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("initialized").asBoolean()).isTrue();
        assertThat(r.json().get("sealed").asBoolean()).isFalse();
        assertThat(r.json().get("standby").asBoolean()).isFalse();
        assertThat(r.json().has("version")).isTrue();
        assertThat(r.json().has("request_id")).isFalse();
    }

    @Test
    void requestLogRecordsCallsWithoutSecrets() {
        vault.clearRequests();
        http.get("identity/entity/name/x");
        http.get("identity/entity/name/y");

        assertThat(vault.requestCount("identity/entity/name/*")).isEqualTo(2);
        RecordedRequest first = vault.requests().get(0);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("identity/entity/name/x");
        assertThat(first.status()).isEqualTo(404);
        assertThat(first.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Vault-Token"));
    }
}
