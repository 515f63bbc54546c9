package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Vault-style rotation (spec §7.4: next key published first, then used, then retired) while 8 threads verify.
 * No valid token may be rejected, and once the cache has refreshed after the old key left the JWKS, no token of
 * the old key may be accepted, not even from the verified-token cache.
 */
class RotationUnderLoadTest {
    static {
        QuietLogs.apply();
    }

    private static final int THREADS = 8;

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void rotationLosesNoValidTokenAndRetiredKeysStopWorking() throws Exception {
        EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));
        TestKey oldKey = TestKey.rsa("RS256");
        TestKey newKey = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(oldKey);
        TokenVerifier verifier = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .jwksFallbackTtl(Duration.ofSeconds(60))
                // The test is about rotation, not timeouts: on a loaded 2-core CI box a 2 s fetch
                // timeout can fail a refresh and leave the retired key cached.
                .httpTimeout(Duration.ofSeconds(30))
                .build();
        Map<String, Object> claims = Tokens.vaultClaims(vault.issuer(), clock.instant());
        String oldToken = Tokens.mint(oldKey, claims);
        String newToken = Tokens.mint(newKey, claims);
        assertThat(verifier.warmUp().join()).isTrue();

        // 0: old key signs; 1: next key published and fetched; 2: new key signs;
        // 3: old key removed from the JWKS (a worker may already refetch); 4: refetch done, old key must fail.
        AtomicInteger phase = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong verifications = new AtomicLong();
        List<String> violations = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int p = phase.get();
                        String current = p >= 2 ? newToken : oldToken;
                        try {
                            verifier.verify(current);
                        } catch (TokenVerificationException e) {
                            // p may be stale: a starved worker can still hold the old token after phase 3 removed
                            // its key, and that rejection is correct.
                            if (current == newToken || phase.get() < 3) {
                                violations.add("valid token of phase " + p + " rejected: " + e.reason());
                            }
                        }
                        try {
                            verifier.verify(oldToken);
                            if (p >= 4) {
                                violations.add("token of retired key accepted in phase " + p);
                            }
                        } catch (TokenVerificationException e) {
                            if (phase.get() < 3) {
                                violations.add("old token rejected while its key was published: " + e.reason());
                            }
                        }
                        verifications.addAndGet(2);
                    }
                }));
            }
            awaitProgress(verifications, 2_000);

            vault.publish(oldKey, newKey);
            clock.advance(Duration.ofSeconds(61));
            refreshTwice(verifier);
            phase.set(1);
            awaitProgress(verifications, 2_000);

            phase.set(2);
            awaitProgress(verifications, 2_000);

            phase.set(3);
            vault.publish(newKey);
            clock.advance(Duration.ofSeconds(61));
            refreshTwice(verifier);
            phase.set(4);
            awaitProgress(verifications, 4_000);

            stop.set(true);
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }

        assertThat(violations).isEmpty();
        assertThat(verifier.health().get(0).keyCount()).isEqualTo(1);
    }

    /**
     * A refresh a worker started before the JWKS changed may still be in flight; refresh() joins it. The second
     * call starts after it, so it sees the new JWKS.
     */
    private static void refreshTwice(TokenVerifier verifier) {
        verifier.refreshKeys().join();
        assertThat(verifier.refreshKeys().join()).as("JWKS refresh succeeded").isTrue();
    }

    private static void awaitProgress(AtomicLong counter, long more) {
        long target = counter.get() + more;
        while (counter.get() < target) {
            Thread.onSpinWait();
        }
    }
}
