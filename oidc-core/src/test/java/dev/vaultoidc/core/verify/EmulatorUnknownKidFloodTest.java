package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eight threads send tokens with made-up {@code kid}s while valid tokens keep arriving: the JWKS fetches they cause
 * stay within one per {@code unknownKidRefreshInterval}, and every valid token verifies.
 *
 * Emulator-only: it counts JWKS fetches in the emulator's request log and drives both sides on its clock.
 */
@ExtendWith(VaultEmulatorExtension.class)
class EmulatorUnknownKidFloodTest {
    static {
        QuietLogs.apply();
    }

    private static final int THREADS = 8;
    private static final String KEYS = "identity/oidc/.well-known/keys";

    @Test
    void floodOfUnknownKidsIsRateLimitedAndValidTokensKeepVerifying(VaultEmulator vault) throws Exception {
        vault.reset();
        EmulatorOidcFixture oidc = new EmulatorOidcFixture(vault, "flood-workload");
        oidc.key("k", Map.of("allowed_client_ids", "*"));
        String clientId = oidc.role("r", Map.of("key", "k", "ttl", "1h"));
        TokenVerifier verifier = TokenVerifier.builder()
                .issuer(oidc.issuer())
                .audiences(clientId)
                .clock(vault.clock())
                .executor(Runnable::run)
                .scheduler(null)
                .unknownKidRefreshInterval(Duration.ofSeconds(30))
                .build();
        assertThat(verifier.warmUp().join()).isTrue();
        long fetchesBefore = vault.requestCount(KEYS);

        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicLong validVerified = new AtomicLong();
        AtomicLong bogusRejected = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        int rounds = 12;
        Duration step = Duration.ofSeconds(10);
        try {
            for (int round = 0; round < rounds; round++) {
                if (round == 6) {
                    // A real rotation mid-flood: the pre-published next key starts signing.
                    oidc.rotate("k", Map.of());
                }
                String valid = oidc.mint("r");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> workers = new ArrayList<>();
                int r = round;
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 25; i++) {
                            String bogus = withKid(valid, "bogus-" + r + "-" + thread + "-" + i);
                            try {
                                verifier.verify(bogus);
                                violations.add("token with a made-up kid accepted");
                            } catch (TokenVerificationException e) {
                                if (e.reason() != VerificationFailure.UNKNOWN_KEY) {
                                    violations.add("made-up kid rejected for " + e.reason());
                                }
                                bogusRejected.incrementAndGet();
                            }
                            try {
                                verifier.verify(valid);
                                validVerified.incrementAndGet();
                            } catch (TokenVerificationException e) {
                                violations.add("valid token rejected: " + e.reason());
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> w : workers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                vault.clock().advance(step);
            }
        } finally {
            pool.shutdownNow();
            verifier.close();
        }

        assertThat(violations).isEmpty();
        assertThat(validVerified.get()).isEqualTo((long) rounds * THREADS * 25);
        assertThat(bogusRejected.get()).isEqualTo((long) rounds * THREADS * 25);
        long fetches = vault.requestCount(KEYS) - fetchesBefore;
        // 120 s of emulator time at one forced fetch per 30 s: at most 5 (the first is allowed at once).
        long allowed = step.multipliedBy(rounds).dividedBy(Duration.ofSeconds(30)) + 1;
        assertThat(fetches)
                .as("JWKS fetches caused by %d made-up kids", bogusRejected.get())
                .isBetween(1L, allowed);
    }

    /** The same token under a header naming another kid: only the kid lookup can reject it first. */
    private static String withKid(String token, String kid) {
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
    }
}
