package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.data;
import static dev.vaultoidc.emulator.OidcTestFixtures.delete;
import static dev.vaultoidc.emulator.OidcTestFixtures.get;
import static dev.vaultoidc.emulator.OidcTestFixtures.list;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Role CRUD and template validation, spec §7.5. */
class OidcRoleTest {

    static final String RESERVED =
            "Restricted keys: iat, aud, exp, iss, sub, namespace, nonce, auth_time, at_hash, c_hash";

    final Oidc engine =
            new Oidc(EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z")), new FakeIdentity(), () -> API);

    EmulatorResponse writeRole(String name, Object... kv) {
        return engine.handle(post("identity/oidc/role/" + name, body(kv)));
    }

    @Test
    void createAppliesDefaultsAndGeneratesAStableBase62ClientId() {
        assertThat(writeRole("r", "key", "default").status()).isEqualTo(204);
        Map<String, Object> role = data(engine.handle(get("identity/oidc/role/r")));
        assertThat(role)
                .containsOnlyKeys("client_id", "key", "template", "ttl")
                .containsEntry("key", "default")
                .containsEntry("template", "")
                .containsEntry("ttl", 86400L);
        String clientId = (String) role.get("client_id");
        assertThat(clientId).matches("[0-9A-Za-z]{26}");

        writeRole("r", "ttl", "1h");
        assertThat(data(engine.handle(get("identity/oidc/role/r"))))
                .containsEntry("client_id", clientId)
                .containsEntry("ttl", 3600L)
                .containsEntry("key", "default");
    }

    @Test
    void explicitClientIdIsKeptAndEmptyOneRegenerates() {
        writeRole("r", "key", "default", "client_id", "my-app");
        assertThat(data(engine.handle(get("identity/oidc/role/r")))).containsEntry("client_id", "my-app");
        writeRole("r", "client_id", "");
        assertThat((String) data(engine.handle(get("identity/oidc/role/r"))).get("client_id"))
                .matches("[0-9A-Za-z]{26}");
    }

    @Test
    void keyIsRequired() {
        assertThat(writeRole("r").errors()).containsExactly("the key parameter is required");
        assertThat(writeRole("r", "key", "").errors()).containsExactly("the key parameter is required");
    }

    @Test
    void referencedKeyMustExist() {
        assertThat(writeRole("r", "key", "nope").errors()).containsExactly("cannot find key \"nope\"");
    }

    @Test
    void ttlCannotExceedTheKeysVerificationTtl() {
        engine.handle(post("identity/oidc/key/k", body("rotation_period", "1h", "verification_ttl", "1h")));
        assertThat(writeRole("r", "key", "k").errors())
                .containsExactly(
                        "a role's token ttl cannot be longer than the verification_ttl of the key it references");
        assertThat(writeRole("r", "key", "k", "ttl", 3600).status()).isEqualTo(204);
    }

    @Test
    void base64TemplateIsDecodedAndStoredDecoded() {
        String template = "{\"email\":{{identity.entity.metadata.email}}}";
        String encoded = Base64.getEncoder().encodeToString(template.getBytes(StandardCharsets.UTF_8));
        assertThat(writeRole("r", "key", "default", "template", encoded).status())
                .isEqualTo(204);
        assertThat(data(engine.handle(get("identity/oidc/role/r")))).containsEntry("template", template);
    }

    @Test
    void templateThatDoesNotRenderIsRejected() {
        assertThat(writeRole("r", "key", "default", "template", "{\"a\": {{identity.entity.bogus}} }")
                        .errors())
                .containsExactly("error parsing template: no value could be found for one of the template directives");
        assertThat(writeRole("r", "key", "default", "template", "{\"a\":{\"b\":{{identity.entity.id}}}}")
                        .errors())
                .containsExactly("error parsing template: unbalanced templating characters");
        // Validation renders with no groups, so identity.groups.* can never be stored (as in Vault).
        assertThat(writeRole("r", "key", "default", "template", "{\"g\":\"{{identity.groups.ids.x.name}}\"}")
                        .errors())
                .containsExactly(
                        "error parsing template: string contains groups template directives but no groups were provided");
    }

    @Test
    void templateMustRenderToAJsonObject() {
        assertThat(writeRole("r", "key", "default", "template", "[1,2]").errors())
                .containsExactly(
                        "error parsing template JSON: json: cannot unmarshal array into Go value of type map[string]interface {}");
        assertThat(writeRole("r", "key", "default", "template", "{\"a\":}").errors())
                .containsExactly("error parsing template JSON: invalid character '}' looking for beginning of value");
        assertThat(writeRole("r", "key", "default", "template", "{\"a\":1").errors())
                .containsExactly("error parsing template JSON: unexpected end of JSON input");
    }

    @Test
    void reservedTopLevelClaimsAreRejected() {
        assertThat(writeRole("r", "key", "default", "template", "{\"nonce\":\"x\"}")
                        .errors())
                .containsExactly("top level key \"nonce\" not allowed. " + RESERVED);
        assertThat(writeRole("r", "key", "default", "template", "{\"extra\":{\"sub\":1} }")
                        .status())
                .isEqualTo(204);
    }

    @Test
    void templateWithEntityVariablesValidatesAgainstAnEmptyEntity() {
        assertThat(writeRole(
                                "r",
                                "key",
                                "default",
                                "template",
                                "{\"id\":{{identity.entity.id}},\"md\":{{identity.entity.metadata}},\"al\":{{identity.entity.aliases.acc.metadata}},"
                                        + "\"gn\":{{identity.entity.groups.names}},\"t\":{{time.now.plus.1h}}}")
                        .status())
                .isEqualTo(204);
    }

    @Test
    void writingARoleForTheDefaultKeyGeneratesItsMaterial() {
        writeRole("r", "key", "default");
        assertThat(engine.namedKey("default").hasMaterial()).isTrue();
    }

    @Test
    void deleteIs204WithoutExistenceCheckAndListIsLexicographic() {
        writeRole("b", "key", "default");
        writeRole("a", "key", "default");
        assertThat(data(engine.handle(list("identity/oidc/role")))).containsEntry("keys", List.of("a", "b"));
        assertThat(engine.handle(delete("identity/oidc/role/a")).status()).isEqualTo(204);
        assertThat(engine.handle(delete("identity/oidc/role/a")).status()).isEqualTo(204);
        assertThat(engine.handle(get("identity/oidc/role/a")).status()).isEqualTo(404);
        engine.handle(delete("identity/oidc/role/b"));
        assertThat(engine.handle(list("identity/oidc/role")).status()).isEqualTo(404);
    }

    @Test
    void allowedClientIdsAreNotCheckedOnRoleWrite() {
        engine.handle(post("identity/oidc/key/k", body()));
        assertThat(writeRole("r", "key", "k").status()).isEqualTo(204);
    }
}
