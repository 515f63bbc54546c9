package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 2: the first request after the unknown-kid window reopens starts the owed fetch and must wait
 * for it (bounded by fetch-wait) rather than be rejected while that fetch is about to bring its kid.
 */
class UnknownKidRaceTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theRequestAfterTheWindowReopensWaitsForTheFetchItStarted() throws Exception {
        VaultOidcStub vault = new VaultOidcStub(server);
        TestKey a = TestKey.rsa("RS256");
        TestKey b = TestKey.rsa("RS256");
        vault.publish(a);
        try (TokenVerifier v = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(pool)
                .scheduler(null)
                .tokenCacheSize(0)
                .build()) {
            v.verify(Tokens.mint(a, Tokens.vaultClaims(vault.issuer(), clock.instant())));
            vault.publish(a, b);
            String tokenB = Tokens.mint(b, Tokens.vaultClaims(vault.issuer(), clock.instant()));
            // The window is closed (a fetch just happened): rejected, and a trailing fetch is owed.
            assertThat(JwksPerKeyParsingTest.reasonOf(v, tokenB)).isEqualTo(VerificationFailure.UNKNOWN_KEY);
            assertThat(vault.keyFetches).hasValue(1);

            clock.advance(Duration.ofSeconds(31));
            CountDownLatch gate = new CountDownLatch(1);
            vault.keysGate = gate; // keep the owed fetch in flight for a moment
            pool.submit(() -> {
                Thread.sleep(300);
                gate.countDown();
                return null;
            });
            assertThat(v.verify(tokenB).keyId()).isEqualTo(b.kid());
            assertThat(vault.keyFetches).hasValue(2);
        }
    }
}
