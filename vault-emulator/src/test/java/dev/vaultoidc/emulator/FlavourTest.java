package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where HashiCorp Vault and OpenBao answer differently, the flavour decides. Every OPENBAO
 * expectation here is what an OpenBao 2.7.2 dev server answered to the same request (see
 * docs/emulator.md, "Flavours"); the VAULT side is today's behaviour, from Vault's source.
 */
class FlavourTest {

    static final String EXPECTED_ALGS = "[\"ES256\" \"ES384\" \"ES512\" \"EdDSA\" \"RS256\" \"RS384\" "
            + "\"RS512\" \"PS256\" \"PS384\" \"PS512\"]";

    /** A compact JWS whose header is {@code header} and whose payload and signature are junk. */
    static String tokenWithHeader(String header) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".eyJ9.c2ln";
    }

    static String approleToken(VaultEmulator vault, VaultHttp http) {
        vault.enableAuth("approle");
        http.post("auth/approle/role/web", body());
        String roleId =
                http.get("auth/approle/role/web/role-id").data().get("role_id").asText();
        String secretId = http.post("auth/approle/role/web/secret-id", body())
                .data()
                .get("secret_id")
                .asText();
        return http.as(null)
                .post("auth/approle/login", body("role_id", roleId, "secret_id", secretId))
                .json()
                .get("auth")
                .get("client_token")
                .asText();
    }

    @Nested
    @EmulatorTest
    @VaultEmulatorConfig(flavour = Flavour.OPENBAO, resetBeforeEach = true)
    class OpenBao {

        private final VaultEmulator vault;
        private final VaultHttp http;

        OpenBao(VaultEmulator vault, VaultHttp http) {
            this.vault = vault;
            this.http = http;
        }

        @Test
        void theAnnotationPicksTheFlavour() {
            assertThat(vault.flavour()).isEqualTo(Flavour.OPENBAO);
        }

        @Test
        void entityAndGroupPoliciesAreLowerCasedOnWrite() {
            http.post("identity/entity", body("name", "pol", "policies", List.of("Admin", "b", "B ")));
            http.post("identity/group", body("name", "gp", "policies", List.of("B", "a", " A")));

            assertThat(http.get("identity/entity/name/pol").data().get("policies"))
                    .extracting(JsonNode::asText)
                    .containsExactly("admin", "b");
            assertThat(http.get("identity/group/name/gp").data().get("policies"))
                    .extracting(JsonNode::asText)
                    .containsExactly("a", "b");
        }

        @Test
        void theEnvelopeHasNoMountType() {
            VaultHttp.Resp created = http.post("identity/entity", body("name", "e"));

            assertThat(created.json().has("mount_type")).isFalse();
            assertThat(created.json().has("request_id")).isTrue();
            assertThat(http.get("sys/auth").json().has("mount_type")).isFalse();
        }

        @Test
        void introspectionRejectsAnUnlistedAlgorithmWhileParsing() {
            assertThat(introspect("{\"alg\":\"HS256\"}"))
                    .isEqualTo("error parsing token: unexpected " + "signature algorithm \"HS256\"; expected "
                            + EXPECTED_ALGS);
            assertThat(introspect("{\"typ\":\"JWT\"}"))
                    .isEqualTo(
                            "error parsing token: unexpected " + "signature algorithm \"\"; expected " + EXPECTED_ALGS);
            assertThat(introspect("{\"alg\":true}"))
                    .isEqualTo("error parsing token: failed to unmarshal "
                            + "algorithm: json: cannot unmarshal bool into Go value of type string: \"true\"");
            // Listed algorithms pass the parse, PS256 included, and then fail on the signature.
            assertThat(introspect("{\"alg\":\"PS256\"}")).isEqualTo("unable to validate the token signature");
        }

        private String introspect(String header) {
            return http.post("identity/oidc/introspect", body("token", tokenWithHeader(header)))
                    .json()
                    .get("error")
                    .asText();
        }

        @Test
        void aPathNoMountHoldsIsAnsweredByTheRouter() {
            VaultHttp.Resp nope = http.get("nope");

            assertThat(nope.status()).isEqualTo(404);
            assertThat(nope.errors()).containsExactly("no handler for route \"nope\". route entry not found.");
            assertThat(http.get("auth/nope/login").errors())
                    .containsExactly("no handler for route \"auth/nope/login\". route entry not found.");
            // A mount that exists still answers its own unsupported path.
            assertThat(http.get("identity/nope").errors())
                    .containsExactly("1 error occurred:\n\t* unsupported path\n\n");
        }

        @Test
        void permissionDeniedIsBare() {
            assertThat(http.as(null).get("identity/entity/id?list=true").errors())
                    .containsExactly("permission denied");
            assertThat(http.as("bogus").get("identity/entity/id?list=true").errors())
                    .containsExactly("permission denied");
        }

        @Test
        void aTokenWhoseEntityWasDeletedIsRefused() {
            String token = approleToken(vault, http);
            String entityId = http.as(token)
                    .get("auth/token/lookup-self")
                    .data()
                    .get("entity_id")
                    .asText();
            http.delete("identity/entity/id/" + entityId);

            VaultHttp.Resp mint = http.as(token).get("identity/oidc/token/r");

            assertThat(mint.status()).isEqualTo(403);
            assertThat(mint.errors()).containsExactly("permission denied");
        }
    }

    @Nested
    @EmulatorTest
    class Vault {

        private final VaultEmulator vault;
        private final VaultHttp http;

        Vault(VaultEmulator vault, VaultHttp http) {
            this.vault = vault;
            this.http = http;
        }

        @Test
        void isTheDefault() {
            assertThat(vault.flavour()).isEqualTo(Flavour.VAULT);
        }

        @Test
        void keepsPolicyCaseAndMountTypeAndTheUnsupportedPathText() {
            VaultHttp.Resp created =
                    http.post("identity/entity", body("name", "pol", "policies", List.of("Admin", "b")));

            assertThat(created.json().get("mount_type").asText()).isEqualTo("identity");
            assertThat(http.get("identity/entity/name/pol").data().get("policies"))
                    .extracting(JsonNode::asText)
                    .containsExactly("Admin", "b");
            assertThat(http.get("nope").errors()).containsExactly("1 error occurred:\n\t* unsupported path\n\n");
        }

        @Test
        void introspectionLetsTheSignatureCheckRejectAnUnlistedAlgorithm() {
            VaultHttp.Resp r =
                    http.post("identity/oidc/introspect", body("token", tokenWithHeader("{\"alg\":\"HS256\"}")));

            assertThat(r.json().get("error").asText()).isEqualTo("unable to validate the token signature");
        }

        @Test
        void aTokenWhoseEntityWasDeletedIsRefusedLikeADisabledOne() {
            String token = approleToken(vault, http);
            String entityId = http.as(token)
                    .get("auth/token/lookup-self")
                    .data()
                    .get("entity_id")
                    .asText();
            http.delete("identity/entity/id/" + entityId);

            VaultHttp.Resp mint = http.as(token).get("identity/oidc/token/r");

            // Vault's CheckToken: the token is known, so no "invalid token"; multierror-wrapped.
            assertThat(mint.status()).isEqualTo(403);
            assertThat(mint.errors()).containsExactly("1 error occurred:\n\t* permission denied\n\n");
        }
    }

    @Nested
    @ExtendWith(VaultEmulatorExtension.class)
    class WithoutConfig {
        @Test
        void theBuilderDefaultApplies(VaultEmulator vault) {
            assertThat(vault.flavour()).isEqualTo(Flavour.VAULT);
        }
    }

    @Test
    void theStandaloneFlagPicksTheFlavour() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (VaultEmulator vault = VaultEmulatorMain.start(
                new String[] {"--port", "0", "--flavour", "openbao"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            assertThat(vault.flavour()).isEqualTo(Flavour.OPENBAO);
            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Flavour: openbao");
        }
    }

    @Test
    void theBuilderPicksTheFlavour() {
        try (VaultEmulator vault =
                VaultEmulator.builder().flavour(Flavour.OPENBAO).build().start()) {
            assertThat(new VaultHttp(vault).get("sys/health").status()).isEqualTo(200);
            assertThat(vault.flavour()).isEqualTo(Flavour.OPENBAO);
        }
    }

    @Test
    void flavourNamesParseIgnoringCase() {
        assertThat(Flavour.parse("OpenBao")).isEqualTo(Flavour.OPENBAO);
        assertThat(Flavour.parse("vault")).isEqualTo(Flavour.VAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Flavour.parse("consul"))
                .hasMessage("unknown flavour consul (vault or openbao)");
    }
}
