package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sys/capabilities}, {@code sys/capabilities-self} and {@code sys/capabilities-accessor}, with
 * the bodies and errors OpenBao 2.7.2 answered for the same requests.
 */
@EmulatorTest
class CapabilitiesTest {

    private static final String READ_A = "path \"a\" { capabilities = [\"read\"] }";

    private final VaultEmulator vault;
    private final VaultHttp http;

    CapabilitiesTest(VaultEmulator vault, VaultHttp http) {
        this.vault = vault;
        this.http = http;
    }

    private static List<String> strings(JsonNode array) {
        return VaultHttp.JSON.convertValue(
                array, VaultHttp.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void selfAnswersPerPathWithTopLevelCopy() {
        vault.writePolicy("mypol", READ_A);
        VaultHttp t = http.as(vault.createToken(null, "mypol"));

        VaultHttp.Resp r = t.post("sys/capabilities-self", body("paths", List.of("a", "b", "cubbyhole/x")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(strings(r.data().get("a"))).containsExactly("read");
        assertThat(strings(r.data().get("b"))).containsExactly("deny");
        assertThat(strings(r.data().get("cubbyhole/x"))).containsExactly("create", "delete", "list", "read", "update");
        assertThat(r.data().has("capabilities")).isFalse();
        assertThat(strings(r.json().get("a"))).containsExactly("read");
    }

    @Test
    void onePathAlsoAnswersCapabilitiesForOldClients() {
        VaultHttp.Resp single = http.post("sys/capabilities-self", body("paths", List.of("a")));
        assertThat(strings(single.data().get("a"))).containsExactly("root");
        assertThat(strings(single.data().get("capabilities"))).containsExactly("root");

        VaultHttp.Resp legacy = http.post("sys/capabilities-self", body("path", "a"));
        assertThat(strings(legacy.data().get("capabilities"))).containsExactly("root");

        VaultHttp.Resp twiceTheSame = http.post("sys/capabilities-self", body("paths", List.of("a", "a")));
        assertThat(twiceTheSame.data().has("capabilities")).isFalse();
    }

    @Test
    void pathsMayBeACommaString() {
        VaultHttp.Resp r = http.post("sys/capabilities-self", body("paths", "a,b"));

        assertThat(strings(r.data().get("a"))).containsExactly("root");
        assertThat(strings(r.data().get("b"))).containsExactly("root");
    }

    @Test
    void pathsMustBeSupplied() {
        VaultHttp.Resp r = http.post("sys/capabilities-self", body());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors()).containsExactly("paths must be supplied");
        assertThat(http.get("sys/capabilities-self").status()).isEqualTo(405);
    }

    @Test
    void otherTokenAndAccessor() {
        vault.writePolicy("mypol", READ_A);
        String token = vault.createToken(null, "mypol");
        String accessor = http.as(token)
                .get("auth/token/lookup-self")
                .data()
                .get("accessor")
                .asText();

        VaultHttp.Resp byToken = http.post("sys/capabilities", body("token", token, "paths", List.of("a")));
        assertThat(strings(byToken.data().get("a"))).containsExactly("read");
        assertThat(strings(byToken.data().get("capabilities"))).containsExactly("read");
        VaultHttp.Resp byAccessor =
                http.post("sys/capabilities-accessor", body("accessor", accessor, "paths", List.of("a")));
        assertThat(strings(byAccessor.data().get("a"))).containsExactly("read");
    }

    @Test
    void errors() {
        VaultHttp.Resp noToken = http.post("sys/capabilities", body("paths", List.of("a")));
        assertThat(noToken.status()).isEqualTo(500);
        assertThat(noToken.errors()).containsExactly("1 error occurred:\n\t* no token found\n\n");
        VaultHttp.Resp badToken = http.post("sys/capabilities", body("token", "zz", "paths", List.of("a")));
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.errors()).containsExactly("1 error occurred:\n\t* invalid token\n\n");
        VaultHttp.Resp badAccessor =
                http.post("sys/capabilities-accessor", body("accessor", "zz", "paths", List.of("a")));
        assertThat(badAccessor.status()).isEqualTo(400);
        assertThat(badAccessor.errors()).containsExactly("1 error occurred:\n\t* invalid accessor\n\n");
        VaultHttp.Resp noAccessor = http.post("sys/capabilities-accessor", body("paths", List.of("a")));
        assertThat(noAccessor.status()).isEqualTo(400);
        assertThat(noAccessor.errors()).containsExactly("missing accessor");
    }

    @Test
    void askingAboutAnotherTokenNeedsUpdateOnSysCapabilities() {
        String token = vault.createToken(null);

        VaultHttp.Resp r = http.as(token).post("sys/capabilities", body("token", token, "paths", List.of("a")));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errors()).containsExactly(AclEnforcementTest.DENIED);
    }

    @Test
    void identityPoliciesCount() {
        vault.writePolicy("mypol", READ_A);
        String entity = vault.createEntity("svc");
        http.post("identity/entity/id/" + entity, body("policies", List.of("mypol")));

        VaultHttp.Resp r = http.as(vault.createToken(entity)).post("sys/capabilities-self", body("paths", "a"));

        assertThat(strings(r.data().get("a"))).containsExactly("read");
    }
}
