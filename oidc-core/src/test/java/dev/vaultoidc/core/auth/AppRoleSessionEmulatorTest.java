package dev.vaultoidc.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token lifecycle against the emulator rather than scripted answers: the 403 that Vault sends for
 * a revoked token ("invalid token") makes the client log in again, and renewal runs on the same
 * clock as Vault's token expiry.
 */
@ExtendWith(VaultEmulatorExtension.class)
class AppRoleSessionEmulatorTest {

    private VaultEmulator vault;
    private VaultClient admin;

    @BeforeEach
    void setUp(VaultEmulator vault) {
        vault.reset();
        this.vault = vault;
        this.admin = VaultClient.builder().address(vault.address()).auth(VaultAuth.token(vault.rootToken()))
                .clock(vault.clock()).build();
        vault.enableAuth("approle");
    }

    private VaultClient workload(String ttl) {
        admin.logical().write("auth/approle/role/web", Map.of("token_ttl", ttl, "token_max_ttl", "24h"));
        String roleId = admin.logical().read("auth/approle/role/web/role-id").orElseThrow()
                .data().get("role_id").asText();
        String secretId = admin.logical().write("auth/approle/role/web/secret-id", Map.of()).orElseThrow()
                .data().get("secret_id").asText();
        return VaultClient.builder().address(vault.address()).auth(VaultAuth.appRole(roleId, secretId))
                .clock(vault.clock()).build();
    }

    @Test
    void revokedTokenIsReplacedByOneNewLogin() {
        VaultClient client = workload("1h");
        String entity = client.logical().read("auth/token/lookup-self").orElseThrow().data().get("entity_id").asText();

        VaultClient sameToken = VaultClient.builder().address(vault.address())
                .auth(VaultAuth.token(client.token())).build();
        sameToken.logical().write("auth/token/revoke-self", Map.of());

        // The next call meets 403 "invalid token", logs in again and succeeds on the retry.
        String after = client.logical().read("auth/token/lookup-self").orElseThrow().data().get("entity_id").asText();
        assertThat(after).isEqualTo(entity);
        assertThat(vault.requestCount("auth/approle/login")).isEqualTo(2);
    }

    @Test
    void tokenIsRenewedAheadOfExpiryOnVaultsClock() {
        VaultClient client = workload("1h");
        client.logical().read("auth/token/lookup-self");

        vault.clock().advance(Duration.ofMinutes(45));   // past 2/3 of the TTL, still valid
        client.logical().read("auth/token/lookup-self");
        vault.clock().advance(Duration.ofMinutes(30));   // beyond the original hour: only a renewed token works

        assertThat(client.logical().read("auth/token/lookup-self")).isPresent();
        assertThat(vault.requestCount("auth/token/renew-self")).isGreaterThanOrEqualTo(1);
        assertThat(vault.requestCount("auth/approle/login")).isEqualTo(1);
    }
}
