package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eight threads verify tokens minted by the emulator while its keys rotate, both on the clock
 * ({@code rotation_period}) and by {@code POST identity/oidc/key/:name/rotate}. The verifier runs on the emulator's
 * clock and fetches on the calling thread, so what it sees depends only on the clock steps, never on timing.
 *
 * Emulator-only: clock-driven rotation needs the server's clock moved in steps.
 */
@ExtendWith(VaultEmulatorExtension.class)
class EmulatorRotationUnderLoadTest {
    static {
        QuietLogs.apply();
    }

    private static final int THREADS = 8;
    private static final int PER_ROUND = 4;
    private static final Duration STEP = Duration.ofMinutes(2);

    private VaultEmulator vault;
    private EmulatorOidcFixture oidc;
    private ExecutorService pool;

    @BeforeEach
    void setUp(VaultEmulator vault) {
        vault.reset();
        this.vault = vault;
        this.oidc = new EmulatorOidcFixture(vault, "rotation-workload");
        this.pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void noValidTokenIsRejectedAndNoTokenOfARemovedKeyIsAcceptedAfterRefresh() throws Exception {
        // Keys rotate every 10 min and stay published 1 h after retirement; the JWKS max-age is 10 min.
        oidc.key("k", Map.of("allowed_client_ids", "*", "rotation_period", "10m", "verification_ttl", "1h"));
        String clientId = oidc.role("r", Map.of("key", "k", "ttl", "30m"));
        TokenVerifier verifier = TokenVerifier.builder()
                .issuer(oidc.issuer())
                .audiences(clientId)
                .clock(vault.clock())
                .executor(Runnable::run)
                .scheduler(null)
                .build();
        assertThat(verifier.warmUp().join()).isTrue();

        List<String> live = new ArrayList<>(oidc.mint("r", PER_ROUND));
        List<String> doomed = List.of();
        String doomedKid = null;
        Instant doomedKidGoneAt = null;
        int roundsCheckingRemovedKey = 0;
        int rotations = 0;
        String lastKid = EmulatorOidcFixture.kidOf(live.get(0));

        for (int round = 1; round <= 12; round++) {
            if (round == 4) {
                // Tokens signed by the key about to be retired with a one-minute verification_ttl: still unexpired
                // (30 min) long after their key has left the JWKS.
                doomed = oidc.mint("r", PER_ROUND);
                doomedKid = EmulatorOidcFixture.kidOf(doomed.get(0));
                oidc.rotate("k", Map.of("verification_ttl", "1m"));
            } else if (round % 3 == 0) {
                oidc.rotate("k", Map.of());
            }
            vault.clock().advance(STEP);
            live.addAll(oidc.mint("r", PER_ROUND));
            String kid = EmulatorOidcFixture.kidOf(live.get(live.size() - 1));
            if (!kid.equals(lastKid)) {
                rotations++;
                lastKid = kid;
            }

            List<String> published = oidc.publishedKids();
            Instant now = vault.clock().instant();
            if (doomedKid != null && doomedKidGoneAt == null && !published.contains(doomedKid)) {
                doomedKidGoneAt = now;
            }
            // Valid now: unexpired (with a margin well inside the skew) and signed by a key the emulator publishes.
            live.removeIf(t -> !published.contains(EmulatorOidcFixture.kidOf(t)));
            List<String> mustAccept = List.copyOf(live);
            Instant fetched = verifier.health().get(0).lastSuccessfulFetch();
            boolean mustRejectDoomed = doomedKidGoneAt != null && !fetched.isBefore(doomedKidGoneAt);

            List<String> violations = verifyConcurrently(verifier, mustAccept, doomed, mustRejectDoomed);
            assertThat(violations).as("round %d", round).isEmpty();
            if (mustRejectDoomed) {
                roundsCheckingRemovedKey++;
            }
        }

        assertThat(rotations).as("clock-driven and manual rotations happened").isGreaterThanOrEqualTo(5);
        assertThat(doomedKidGoneAt)
                .as("the retired key left the emulator's JWKS")
                .isNotNull();
        assertThat(roundsCheckingRemovedKey)
                .as("the verifier refreshed after the key left")
                .isGreaterThan(3);
        verifier.close();
    }

    /** All threads start together and verify every token; returns what went wrong. */
    private List<String> verifyConcurrently(
            TokenVerifier verifier, List<String> mustAccept, List<String> doomed, boolean mustRejectDoomed)
            throws Exception {
        List<String> violations = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < mustAccept.size(); i++) {
                    // Each thread walks the tokens from a different start, so threads collide on new kids.
                    String token = mustAccept.get((i + offset) % mustAccept.size());
                    try {
                        verifier.verify(token);
                    } catch (TokenVerificationException e) {
                        violations.add(
                                "valid token of kid " + EmulatorOidcFixture.kidOf(token) + " rejected: " + e.reason());
                    }
                }
                for (String token : doomed) {
                    try {
                        verifier.verify(token);
                        if (mustRejectDoomed) {
                            violations.add("token of a removed key accepted after the cache refreshed");
                        }
                    } catch (TokenVerificationException e) {
                        if (mustRejectDoomed && e.reason() != VerificationFailure.UNKNOWN_KEY) {
                            violations.add("token of a removed key rejected for " + e.reason());
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        return violations;
    }
}
