package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** sys/auth: the mount table that alias accessors must resolve against. */
@EmulatorTest
class SysAuthTest {

    private final VaultHttp http;

    SysAuthTest(VaultHttp http) {
        this.http = http;
    }

    @Test
    void tokenMountExistsFromStart() {
        JsonNode d = http.get("sys/auth").data();

        assertThat(d.get("token/").get("type").asText()).isEqualTo("token");
        assertThat(d.get("token/").get("accessor").asText()).matches("auth_token_[0-9a-f]{8}");
    }

    @Test
    void listAlsoHasMountsAtTopLevelLikeVault() {
        VaultHttp.Resp r = http.get("sys/auth");

        assertThat(r.json().get("token/").get("type").asText()).isEqualTo("token");
        assertThat(r.json().get("request_id").asText()).isNotBlank();
        assertThat(r.json().get("mount_type").asText()).isEqualTo("system");
    }

    @Test
    void enableListAndDisable() {
        assertThat(http.post("sys/auth/approle", body("type", "approle")).status())
                .isEqualTo(204);
        assertThat(http.post("sys/auth/team/userpass", body("type", "userpass", "description", "people"))
                        .status())
                .isEqualTo(204);

        JsonNode d = http.get("sys/auth").data();
        assertThat(d.get("approle/").get("accessor").asText()).matches("auth_approle_[0-9a-f]{8}");
        assertThat(d.get("team/userpass/").get("description").asText()).isEqualTo("people");
        assertThat(http.get("sys/auth/approle").data().get("type").asText()).isEqualTo("approle");

        assertThat(http.delete("sys/auth/approle").status()).isEqualTo(204);
        assertThat(http.get("sys/auth").data().has("approle/")).isFalse();
    }

    @Test
    void enableErrors() {
        http.post("sys/auth/approle", body("type", "approle"));

        assertThat(http.post("sys/auth/approle", body("type", "approle")).errors())
                .containsExactly("path is already in use at approle/");
        assertThat(http.post("sys/auth/x", body()).errors())
                .containsExactly("backend type must be specified as a string");
        assertThat(http.post("sys/auth/x", body("type", "nonesuch")).errors())
                .containsExactly("plugin not found in the catalog: nonesuch");
        assertThat(http.delete("sys/auth/token").errors())
                .containsExactly("token credential backend cannot be disabled");
    }

    @Test
    void aliasAccessorMustExist() {
        http.post("sys/auth/userpass", body("type", "userpass"));
        String accessor =
                http.get("sys/auth").data().get("userpass/").get("accessor").asText();
        String entityId =
                http.post("identity/entity", body("name", "e")).data().get("id").asText();

        assertThat(http.post(
                                "identity/entity-alias",
                                body("name", "a", "mount_accessor", accessor, "canonical_id", entityId))
                        .status())
                .isEqualTo(200);
        http.delete("sys/auth/userpass");
        assertThat(http.post(
                                "identity/entity-alias",
                                body("name", "a", "mount_accessor", accessor, "canonical_id", entityId))
                        .errors())
                .containsExactly("invalid mount accessor \"" + accessor + "\"");
    }
}
