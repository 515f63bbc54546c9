package dev.vaultoidc.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vaultoidc.core.ManualScheduler;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.OidcFixture;
import dev.vaultoidc.emulator.EmulatorClock;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The supplier against the emulator, on the emulator's clock, with a scheduler the test drives. Emulator-only:
 * refresh instants need the server's clock moved and outages need injected faults; the rest runs on both servers
 * in {@link IdTokenSupplierServersTest}.
 */
class IdTokenSupplierTest {

    /** A clock that moves only when the test moves it, so refresh instants are exact. */
    @RegisterExtension
    static final VaultEmulatorExtension VAULT = new VaultEmulatorExtension(
            VaultEmulator.builder().clock(EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"))));

    private static final String MINT = "identity/oidc/token/*";

    private VaultEmulator vault;
    private VaultClient workload;
    private ManualScheduler scheduler;
    private IdTokenSupplier supplier;
    private Instant start;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;
    private Level previousLevel;

    @BeforeEach
    void setUp() {
        VaultEmulator vault = VAULT.emulator();
        vault.reset();
        this.vault = vault;
        OidcFixture fx = new OidcFixture(vault);
        fx.keyAndRole("r", OidcAdmin.KeyAlgorithm.ES256, Duration.ofMinutes(30));
        workload = fx.workload("web");
        scheduler = new ManualScheduler(vault.clock());
        supplier =
                workload.idTokens("r").clock(vault.clock()).scheduler(scheduler).build();
        start = vault.clock().instant();
        vault.clearRequests();
        // Capture everything the supplier logs, at every level, to prove the token never appears.
        logger = (Logger) LoggerFactory.getLogger(IdTokenSupplier.class);
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        supplier.close();
        logger.detachAppender(logs);
        logger.setAdditive(true);
        logger.setLevel(previousLevel);
    }

    private void at(Duration sinceStart) {
        vault.clock().set(start.plus(sinceStart));
        scheduler.runDue();
    }

    private void assertLogsNeverContain(String token) {
        assertThat(logs.list)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(token));
    }

    @Test
    void hundredThreadsShareOneVaultCall() throws Exception {
        vault.faults().latency(MINT, Duration.ofMillis(200), 1); // keep the one call open while all threads ask
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return supplier.get();
                }));
            }
            go.countDown();
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            for (Future<String> f : results) {
                tokens.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(tokens).hasSize(1);
            assertThat(vault.requestCount(MINT)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cachedTokenIsServedThenRefreshedInTheBackgroundWhenAThirdOfItsLifeRemains() {
        String first = supplier.get();
        assertThat(supplier.current().lifetime()).isEqualTo(Duration.ofMinutes(30));

        at(Duration.ofMinutes(19).plusSeconds(59));
        assertThat(supplier.get()).isEqualTo(first);
        assertThat(vault.requestCount(MINT)).isEqualTo(1);

        at(Duration.ofMinutes(20));
        assertThat(vault.requestCount(MINT)).isEqualTo(2);
        String second = supplier.get();
        assertThat(second).isNotEqualTo(first);
        // The next refresh is again due when a third of the new token's life remains.
        assertThat(scheduler.pendingDueTimes()).containsExactly(start.plus(Duration.ofMinutes(40)));
        assertLogsNeverContain(first);
        assertLogsNeverContain(second);
    }

    @Test
    void callerThatNeedsATokenFetchesItselfWhenTheSchedulerLags() {
        String first = supplier.get();
        vault.clock().set(start.plus(Duration.ofMinutes(25))); // the scheduler does not run: it lags
        assertThat(supplier.get()).isEqualTo(first); // queues a refresh, serves the cached token
        vault.clock().set(start.plus(Duration.ofMinutes(29).plusSeconds(45)));

        String second = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> supplier.get(),
                "a caller must not wait for a refresh queued on a lagging scheduler");

        assertThat(second).isNotEqualTo(first);
        assertThat(vault.requestCount(MINT)).isEqualTo(2);
        scheduler.runDue();
        assertThat(vault.requestCount(MINT))
                .as("the queued refresh finds the fresh token")
                .isEqualTo(2);
    }

    @Test
    void listenerSeesEachFetchAndEachFailureWithWhetherTheCachedTokenIsStillServed() {
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Instant> expiry =
                new java.util.concurrent.atomic.AtomicReference<>();
        supplier.close();
        supplier = workload.idTokens("r")
                .clock(vault.clock())
                .scheduler(scheduler)
                .listener(new IdTokenListener() {
                    @Override
                    public void onFetched(String role, Instant expiresAt) {
                        events.add("fetched " + role);
                        expiry.set(expiresAt);
                    }

                    @Override
                    public void onFetchFailed(String role, boolean servingCached, RuntimeException failure) {
                        events.add("failed " + role + " cached=" + servingCached);
                    }
                })
                .build();

        supplier.get();
        vault.faults().status(MINT, 503);
        at(Duration.ofMinutes(20));

        assertThat(events).containsExactly("fetched r", "failed r cached=true");
        // exp is whole seconds (iat truncated), so within a second of the role's 30 min ttl
        assertThat(Duration.between(start, expiry.get()))
                .isBetween(Duration.ofMinutes(29).plusSeconds(58), Duration.ofMinutes(30));
    }

    @Test
    void outageServesTheCachedTokenUntilTheSafetyMarginThenFailsWithTheVaultFailure() {
        String cached = supplier.get();
        vault.faults().status(MINT, 503);

        at(Duration.ofMinutes(20));
        assertThat(vault.requestCount(MINT)).as("background refresh tried").isEqualTo(2);
        assertThat(supplier.get()).isEqualTo(cached);

        at(Duration.ofMinutes(29).plusSeconds(29));
        assertThat(supplier.get()).isEqualTo(cached);
        long attempts = vault.requestCount(MINT);
        assertThat(attempts).as("retried with backoff, not once per tick").isBetween(3L, 20L);

        at(Duration.ofMinutes(29).plusSeconds(30));
        assertThatThrownBy(supplier::get).isInstanceOfSatisfying(IdTokenException.class, e -> {
            assertThat(e.reason()).isEqualTo(IdTokenFailure.VAULT_UNAVAILABLE);
            assertThat(e.vaultFailure())
                    .hasValueSatisfying(v -> assertThat(v.status()).isEqualTo(503));
            assertThat(e.getMessage()).doesNotContain(cached);
        });
        assertThat(supplier.toString()).doesNotContain(cached);
        assertLogsNeverContain(cached);
    }

    @Test
    void vaultDownAtStartFailsTypedBacksOffThenRecovers() {
        vault.faults().status(MINT, 503);

        IdTokenException first = catchIdTokenException();
        assertThat(first.reason()).isEqualTo(IdTokenFailure.VAULT_UNAVAILABLE);
        assertThat(first.nextAttemptAt()).hasValueSatisfying(t -> assertThat(t).isAfter(start));
        assertThat(catchIdTokenException().reason()).isEqualTo(IdTokenFailure.VAULT_UNAVAILABLE);
        assertThat(vault.requestCount(MINT)).as("no call during backoff").isEqualTo(1);

        vault.faults().clear();
        vault.clock().set(first.nextAttemptAt().orElseThrow());

        assertThat(supplier.get()).isNotBlank();
        assertThat(vault.requestCount(MINT)).isEqualTo(2);
    }

    @Test
    void missingRoleIsRejectedWithVaultsMessage() {
        try (IdTokenSupplier missing =
                workload.idTokens("nope").scheduler(scheduler).build()) {
            assertThatThrownBy(missing::get).isInstanceOfSatisfying(IdTokenException.class, e -> {
                assertThat(e.reason()).isEqualTo(IdTokenFailure.VAULT_REJECTED);
                assertThat(e.vaultFailure().orElseThrow().errors()).containsExactly("role \"nope\" not found");
            });
        }
    }

    @Test
    void roleNameOutsideVaultsPatternIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> workload.idTokens("../sys/seal")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortLivedTokenStillGetsARefreshWindowBeforeTheMargin() {
        OidcFixture fx = new OidcFixture(vault);
        fx.admin.writeRole(
                "short",
                dev.vaultoidc.core.oidc.RoleRequest.builder()
                        .key("r")
                        .ttl(Duration.ofMinutes(2))
                        .build());
        try (IdTokenSupplier shortLived =
                workload.idTokens("short").scheduler(scheduler).build()) {
            String first = shortLived.get();
            // 1/3 of 2 min is 40 s; the 1 min floor moves the refresh to the half-life.
            at(Duration.ofSeconds(59));
            assertThat(shortLived.get()).isEqualTo(first);
            at(Duration.ofSeconds(60));
            assertThat(shortLived.get()).isNotEqualTo(first);
        }
    }

    @Test
    void closeCancelsTheRefreshAndFailsLaterCalls() {
        supplier.get();
        assertThat(scheduler.pendingDueTimes()).hasSize(1);

        supplier.close();

        assertThat(scheduler.pendingDueTimes()).isEmpty();
        assertThatThrownBy(supplier::get)
                .isInstanceOfSatisfying(
                        IdTokenException.class, e -> assertThat(e.reason()).isEqualTo(IdTokenFailure.CLOSED));
    }

    @Test
    void ownThreadStopsOnClose() throws Exception {
        IdTokenSupplier own = workload.idTokens("r").build();
        own.get();
        Thread refresher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("vault-oidc-id-token-r"))
                .findFirst()
                .orElseThrow();

        own.close();

        refresher.join(10_000);
        assertThat(refresher.isAlive()).isFalse();
    }

    private IdTokenException catchIdTokenException() {
        try {
            supplier.get();
        } catch (IdTokenException e) {
            return e;
        }
        throw new AssertionError("expected IdTokenException");
    }
}
