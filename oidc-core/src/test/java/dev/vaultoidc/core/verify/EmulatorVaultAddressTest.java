package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Configured with only the Vault address (root namespace): discovery finds the keys and template claims read back. */
@ExtendWith(VaultEmulatorExtension.class)
class EmulatorVaultAddressTest {
    static {
        QuietLogs.apply();
    }

    @Test
    void vaultAddressDiscoversTheIssuerAndVerifiesAMintedTokenWithTemplateClaims(VaultEmulator vault)
            throws Exception {
        vault.reset();
        EmulatorOidcFixture oidc = new EmulatorOidcFixture(vault, "payments-api");
        oidc.group("payments-admins");
        oidc.key("k", Map.of("allowed_client_ids", "*", "algorithm", "ES256"));
        String clientId = oidc.role("r", Map.of("key", "k", "ttl", "15m",
                "template", "{\"groups\": {{identity.entity.groups.names}}, \"name\": {{identity.entity.name}}}"));
        String token = oidc.mint("r");

        try (TokenVerifier verifier = TokenVerifier.builder().vaultAddress(vault.address()).audiences(clientId)
                .requireClaimContains("groups", "payments-admins").clock(vault.clock()).build()) {
            assertThat(verifier.issuers()).containsExactly(vault.address() + "/v1/identity/oidc");
            VerifiedToken t = verifier.verify(token);

            assertThat(t.issuer()).isEqualTo(vault.address() + "/v1/identity/oidc");
            assertThat(t.entityId()).isEqualTo(oidc.entityId);
            assertThat(t.audiences()).containsExactly(clientId);
            assertThat(t.namespace()).isEqualTo("root");
            assertThat(t.algorithm()).isEqualTo("ES256");
            assertThat(t.stringListClaim("groups")).containsExactly("payments-admins");
            assertThat(t.stringClaim("name")).contains("payments-api");
            assertThat(vault.requestCount("identity/oidc/.well-known/openid-configuration")).isEqualTo(1);
        }

        try (TokenVerifier strict = TokenVerifier.builder().vaultAddress(vault.address()).audiences(clientId)
                .requireClaimContains("groups", "billing-admins").clock(vault.clock()).build()) {
            assertThatThrownBy(() -> strict.verify(token)).isInstanceOfSatisfying(TokenVerificationException.class,
                    e -> assertThat(e.reason()).isEqualTo(VerificationFailure.CLAIM_MISMATCH));
        }
    }
}
