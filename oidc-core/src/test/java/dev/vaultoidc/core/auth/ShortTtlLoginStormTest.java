package dev.vaultoidc.core.auth;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.login;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.RecordingSleeper;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 11: an AppRole token_ttl shorter than the 5 s expiry margin used to cause a login for about
 * every request (24 logins for 13 requests, burning secret_id uses). Re-logins are bounded: at most one per
 * half TTL.
 */
class ShortTtlLoginStormTest {
    static final String LOGIN = "auth/approle/login";
    static final String READ = "identity/entity/id/e-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final ScriptedVault vault = new ScriptedVault();
    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aTokenTtlBelowTheMarginCausesAtMostOneLoginPerHalfTtl() {
        server.setDispatcher(vault);
        vault.on(READ, envelope("{\"id\":\"e-1\"}"));
        vault.on(LOGIN, login("hvs.short-lived", 4, false));
        VaultClient client = VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.appRole("role-123", "secret-456"))
                .clock(clock)
                .sleeper(new RecordingSleeper(clock))
                .build();

        for (int i = 0; i < 13; i++) {
            client.logical().read(READ);
        }
        assertThat(vault.to(LOGIN)).hasSize(1);

        // 8 s of traffic, a request every 500 ms: a 4 s token is good for its first half, so 4 more logins.
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMillis(500));
            client.logical().read(READ);
        }
        assertThat(vault.to(LOGIN)).hasSizeBetween(4, 5);
    }
}
