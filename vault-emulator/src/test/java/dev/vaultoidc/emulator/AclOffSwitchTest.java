package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code @VaultEmulatorConfig(aclEnforcement = false)}: the permissive behaviour, on request. */
@EmulatorTest
@VaultEmulatorConfig(aclEnforcement = false, resetBeforeEach = true)
class AclOffSwitchTest {

    private final VaultEmulator off;

    AclOffSwitchTest(VaultEmulator off) {
        this.off = off;
    }

    @Test
    void everyValidTokenMayCallEveryPathButCapabilitiesStillAnswer() {
        VaultHttp h = new VaultHttp(off);
        VaultHttp t = h.as(off.createToken(null));

        assertThat(off.aclEnforcement()).isFalse();
        assertThat(t.post("identity/entity", body("name", "a")).status()).isEqualTo(200);
        assertThat(t.post("sys/capabilities-self", body("paths", "identity/entity"))
                        .data()
                        .get("identity/entity")
                        .get(0)
                        .asText())
                .isEqualTo("deny");
        assertThat(h.as("nope").get("auth/token/lookup-self").status()).isEqualTo(403);
    }
}
