package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.VaultHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The OPENBAO flavour evaluates ACLs as OpenBao 2.7 does. */
@EmulatorTest
@VaultEmulatorConfig(flavour = Flavour.OPENBAO, resetBeforeEach = true)
class AclOpenBaoFlavourTest {

    private final VaultEmulator bao;

    AclOpenBaoFlavourTest(VaultEmulator bao) {
        this.bao = bao;
    }

    /** OpenBao (GHSA-xp3c-3jw3-4vcr) looks at the rules for {@code a/b/} first: the deny wins. */
    @Test
    void openBaoFlavourDeniesTheFolder() {
        VaultHttp h = new VaultHttp(bao);
        h.post("identity/entity", body("name", "a"));
        bao.writePolicy("p", AclEnforcementTest.LIST_POLICY);

        VaultHttp.Resp r = h.as(bao.createToken(null, "p")).list("identity/entity/name");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errors()).containsExactly(AclEnforcementTest.DENIED);
    }
}
