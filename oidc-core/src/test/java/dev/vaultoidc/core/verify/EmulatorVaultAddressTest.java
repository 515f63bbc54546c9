package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.testing.RequestCounter;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Clock;
import java.util.Map;

/**
 * Configured with only the Vault address (and, on OpenBao, the test's namespace): discovery finds the keys and
 * template claims read back. Runs on the emulator and on OpenBao against their real discovery and JWKS.
 */
class EmulatorVaultAddressTest {
    static {
        QuietLogs.apply();
    }

    @BothServers
    void vaultAddressDiscoversTheIssuerAndVerifiesAMintedTokenWithTemplateClaims(TestServer server) throws Exception {
        Sandbox vault = Sandbox.open(server);
        Clock clock = server.isEmulator() ? server.emulator().clock() : Clock.systemUTC();
        EmulatorOidcFixture oidc = new EmulatorOidcFixture(vault, "payments-api");
        oidc.group("payments-admins");
        oidc.key("k", Map.of("allowed_client_ids", "*", "algorithm", "ES256"));
        String clientId = oidc.role(
                "r",
                Map.of(
                        "key",
                        "k",
                        "ttl",
                        "15m",
                        "template",
                        "{\"groups\": {{identity.entity.groups.names}}, \"name\": {{identity.entity.name}}}"));
        String token = oidc.mint("r");
        RequestCounter requests = new RequestCounter();

        try (TokenVerifier verifier = TokenVerifier.builder()
                .vaultAddress(server.address())
                .namespace(vault.namespace())
                .audiences(clientId)
                .httpClient(requests.http())
                .requireClaimContains("groups", "payments-admins")
                .clock(clock)
                .build()) {
            assertThat(verifier.issuers()).containsExactly(oidc.issuer());
            VerifiedToken t = verifier.verify(token);

            assertThat(t.issuer()).isEqualTo(oidc.issuer());
            assertThat(t.entityId()).isEqualTo(oidc.entityId);
            assertThat(t.audiences()).containsExactly(clientId);
            assertThat(t.namespace()).isEqualTo(vault.namespaceId());
            assertThat(t.algorithm()).isEqualTo("ES256");
            assertThat(t.stringListClaim("groups")).containsExactly("payments-admins");
            assertThat(t.stringClaim("name")).contains("payments-api");
            // In a namespace the verifier asks the root-relative path with X-Vault-Namespace (spec §7.2).
            assertThat(requests.count("identity/oidc/.well-known/openid-configuration"))
                    .isEqualTo(1);
        }

        try (TokenVerifier strict = TokenVerifier.builder()
                .vaultAddress(server.address())
                .namespace(vault.namespace())
                .audiences(clientId)
                .requireClaimContains("groups", "billing-admins")
                .clock(clock)
                .build()) {
            assertThatThrownBy(() -> strict.verify(token))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.CLAIM_MISMATCH));
        }
    }
}
