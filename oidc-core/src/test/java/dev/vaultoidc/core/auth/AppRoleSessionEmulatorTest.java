package dev.vaultoidc.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.testing.RequestCounter;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.EmulatorClock;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The token lifecycle against a real server rather than scripted answers, on the emulator and on
 * OpenBao: the 403 that Vault sends for a revoked token ("invalid token") makes the client log in
 * again, and renewal happens ahead of expiry. Requests are counted on the client's side.
 */
class AppRoleSessionEmulatorTest {

    private Sandbox vault;
    private VaultClient admin;
    /** The emulator's clock (it also expires the server's tokens), or the client's own on OpenBao. */
    private EmulatorClock clock;

    private RequestCounter requests;

    @BeforeEach
    void setUp(TestServer server) {
        this.vault = Sandbox.open(server);
        this.clock = server.isEmulator() ? server.emulator().clock() : EmulatorClock.system();
        this.admin = vault.root();
        this.requests = new RequestCounter();
        vault.enableAuth("approle");
    }

    private VaultClient workload(String ttl) {
        admin.logical().write("auth/approle/role/web", Map.of("token_ttl", ttl, "token_max_ttl", "24h"));
        String roleId = admin.logical()
                .read("auth/approle/role/web/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = admin.logical()
                .write("auth/approle/role/web/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        return vault.builder()
                .auth(VaultAuth.appRole(roleId, secretId))
                .okHttpClient(requests.http())
                .clock(clock)
                .build();
    }

    @BothServers
    void revokedTokenIsReplacedByOneNewLogin(TestServer server) {
        VaultClient client = workload("1h");
        String entity = client.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();

        VaultClient sameToken =
                vault.builder().auth(VaultAuth.token(client.token())).build();
        sameToken.logical().write("auth/token/revoke-self", Map.of());

        // The next call meets 403 "invalid token", logs in again and succeeds on the retry.
        String after = client.logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();
        assertThat(after).isEqualTo(entity);
        assertThat(requests.count("auth/approle/login")).isEqualTo(2);
    }

    @BothServers
    void tokenIsRenewedAheadOfExpiry(TestServer server) {
        VaultClient client = workload("1h");
        client.logical().read("auth/token/lookup-self");

        // On the emulator this clock also ages the server's token; on OpenBao only the client's view
        // moves, which is what decides when the client renews (the real token then is fresh).
        clock.advance(Duration.ofMinutes(45)); // past 2/3 of the TTL, still valid
        client.logical().read("auth/token/lookup-self");
        clock.advance(Duration.ofMinutes(30)); // beyond the original hour: only a renewed token works

        assertThat(client.logical().read("auth/token/lookup-self")).isPresent();
        assertThat(requests.count("auth/token/renew-self")).isGreaterThanOrEqualTo(1);
        assertThat(requests.count("auth/approle/login")).isEqualTo(1);
    }
}
