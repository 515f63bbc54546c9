package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 3: with the JWKS black-holed (connection accepted, never answered) past the staleness bound,
 * requests fail fast instead of queueing behind fetch after fetch. Real time, scaled down: 400 ms HTTP timeout
 * (each attempt is two of them), 500 ms retry interval measured from the end of an attempt.
 */
class BlackHoledJwksTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    final ExecutorService pool = Executors.newCachedThreadPool();
    final CountDownLatch blackHole = new CountDownLatch(1);

    @AfterEach
    void stop() {
        blackHole.countDown();
        pool.shutdownNow();
    }

    @Test
    void atLeast95PercentOfRequestsFailWithin100Millis() throws Exception {
        VaultOidcStub vault = new VaultOidcStub(server);
        TestKey key = TestKey.rsa("RS256");
        vault.publish(key);
        vault.keysCacheControl = "max-age=1";
        try (TokenVerifier v = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .executor(pool)
                .scheduler(null)
                .tokenCacheSize(0)
                .jwksTtlRange(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .refreshAhead(Duration.ZERO)
                .maxStaleness(Duration.ZERO)
                .httpTimeout(Duration.ofMillis(400))
                .retryInterval(Duration.ofMillis(500))
                .build()) {
            v.verify(Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), java.time.Instant.now())));
            vault.keysGate = blackHole;
            Thread.sleep(1100); // past TTL + staleness: no usable keys
            int fetchesBefore = vault.keyFetches.get();

            List<Long> micros = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < end) {
                String token = Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), java.time.Instant.now()));
                long t0 = System.nanoTime();
                VerificationFailure r = JwksPerKeyParsingTest.reasonOf(v, token);
                micros.add((System.nanoTime() - t0) / 1000);
                assertThat(r).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
            }
            long fast = micros.stream().filter(m -> m < 100_000).count();
            double share = (double) fast / micros.size();
            long blockedMillis = micros.stream()
                    .filter(m -> m >= 100_000)
                    .mapToLong(m -> m / 1000)
                    .sum();
            int fetches = vault.keyFetches.get() - fetchesBefore;
            System.out.printf(
                    "black-holed JWKS: %d requests in 6 s, %.2f%% failed within 100 ms, %d ms blocked,"
                            + " %d JWKS requests%n",
                    micros.size(), share * 100, blockedMillis, fetches);
            assertThat(share).isGreaterThanOrEqualTo(0.95);
            // An attempt is up to two 400 ms timeouts, then 500 ms from its end: at most one per 0.9 s, two GETs.
            assertThat(fetches).isLessThanOrEqualTo(2 * (int) Math.ceil(6 / 0.9) + 2);
        }
    }
}
