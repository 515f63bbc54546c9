package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The unknown-kid rate limiter alone; JwksCacheTest covers it composed with fetching. */
class UnknownKidRateLimiterTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private final UnknownKidRateLimiter limiter = new UnknownKidRateLimiter(INTERVAL, Duration.ofMillis(50));

    @Test
    void allowsOneForcedFetchPerInterval() {
        assertThat(limiter.tryClaim(clock.instant(), null)).isTrue();

        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(limiter.tryClaim(clock.instant(), null)).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryClaim(clock.instant(), null)).isTrue();
    }

    @Test
    void anyRecentFetchAttemptCountsAgainstTheInterval() {
        Instant scheduledFetch = clock.instant();
        clock.advance(Duration.ofSeconds(10));

        assertThat(limiter.tryClaim(clock.instant(), scheduledFetch)).isFalse();

        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryClaim(clock.instant(), scheduledFetch)).isTrue();
    }

    @Test
    void aRefusedKidIsOwedOneTrailingFetchAfterTheInterval() {
        assertThat(limiter.tryClaim(clock.instant(), null)).isTrue();
        assertThat(limiter.tryClaimOwed(clock.instant(), null))
                .as("nothing owed yet")
                .isFalse();

        limiter.defer();
        assertThat(limiter.tryClaimOwed(clock.instant(), null))
                .as("still inside the interval")
                .isFalse();

        clock.advance(INTERVAL);
        assertThat(limiter.tryClaimOwed(clock.instant(), null)).isTrue();
        assertThat(limiter.tryClaimOwed(clock.instant().plus(INTERVAL), null))
                .as("the debt is paid by the one trailing fetch")
                .isFalse();
    }

    @Test
    void aClaimedForcedFetchAlsoPaysTheDebt() {
        limiter.defer();

        assertThat(limiter.tryClaim(clock.instant(), null)).isTrue();

        clock.advance(INTERVAL);
        assertThat(limiter.tryClaimOwed(clock.instant(), null)).isFalse();
    }

    @Test
    void callersQueueBehindTheForcedFetchButOnlyForMaxWait() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                assertThat(limiter.enter()).isTrue();
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
                limiter.exit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(limiter.enter())
                .as("gives up after maxWait while another fetch runs")
                .isFalse();

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(limiter.enter()).isTrue();
        limiter.exit();
    }
}
