package dev.vaultoidc.agent;

import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inbound checks of {@link InboundAgentTest} with tokens minted by a real OpenBao dev server: the agent fetches
 * OpenBao's discovery document and keys and verifies OpenBao's signatures and claims, not only the emulator's.
 * Skipped without the {@code bao} binary, unless {@code VAULT_OIDC_TEST_OPENBAO=required} (CI) makes that a failure.
 */
@OpenBaoServer
class InboundOpenBaoTest {
    static OpenBao bao;
    private static VaultFixture fixture;

    private static synchronized VaultFixture fixture() {
        if (fixture == null) {
            fixture = new VaultFixture(bao.address(), bao.rootToken());
        }
        return fixture;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty-ee10", "tomcat-10.1"})
    void protectsAnUnmodifiedApplicationWithOpenBaoTokens(String container) throws Exception {
        InboundAgentTest.assertProtects(container, fixture(), "OpenBao");
    }
}
