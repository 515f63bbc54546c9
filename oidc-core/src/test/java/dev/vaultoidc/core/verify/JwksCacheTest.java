package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.ManualScheduler;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Discovery and JWKS caching, driven through the public verifier with a hand-moved clock. */
class JwksCacheTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));
    final TestKey key = TestKey.rsa("RS256");
    VaultOidcStub vault;

    private TokenVerifier.Builder builder() {
        vault = vault == null ? new VaultOidcStub(server) : vault;
        vault.publish(key);
        return TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .tokenCacheSize(0);
    }

    private String token(TestKey k) {
        return Tokens.mint(k, Tokens.vaultClaims(vault.issuer(), clock.instant()));
    }

    private static VerificationFailure reasonOf(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenVerificationException e) {
            return e.reason();
        }
    }

    @Test
    void honoursCacheControlMaxAgeAndRefreshesAheadOfExpiry() throws Exception {
        TokenVerifier verifier = builder().refreshAhead(Duration.ofSeconds(30)).build();
        vault.keysCacheControl = "max-age=300";

        verifier.verify(token(key));
        assertThat(verifier.health().get(0).freshUntil())
                .isEqualTo(clock.instant().plusSeconds(300));
        clock.advance(Duration.ofSeconds(269));
        verifier.verify(token(key));
        assertThat(vault.keyFetches).hasValue(1);

        clock.advance(Duration.ofSeconds(1)); // 30 s before the TTL ends
        verifier.verify(token(key));
        assertThat(vault.keyFetches).hasValue(2);
        assertThat(vault.keysRequestCacheControl).containsExactly("", "");
        assertThat(vault.discoveryFetches).hasValue(1); // discovery has its own max-age=3600
    }

    @Test
    void clampsMaxAgeToTheConfiguredRange() throws Exception {
        TokenVerifier verifier = builder()
                .jwksTtlRange(Duration.ofSeconds(30), Duration.ofMinutes(10))
                .build();
        vault.keysCacheControl = "max-age=0"; // Vault's jittered value can be 0 (spec §7.9)
        verifier.verify(token(key));
        assertThat(verifier.health().get(0).freshUntil())
                .isEqualTo(clock.instant().plusSeconds(30));

        vault.keysCacheControl = "public, max-age=86400";
        verifier.refreshKeys().join();
        assertThat(verifier.health().get(0).freshUntil())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void usesTheShortFallbackTtlWhenVaultOmitsCacheControl() throws Exception {
        TokenVerifier verifier = builder()
                .jwksFallbackTtl(Duration.ofSeconds(45))
                .refreshAhead(Duration.ZERO)
                .build();
        vault.keysCacheControl = null;

        verifier.verify(token(key));
        assertThat(verifier.health().get(0).freshUntil())
                .isEqualTo(clock.instant().plusSeconds(45));
        clock.advance(Duration.ofSeconds(44));
        verifier.verify(token(key));
        assertThat(vault.keyFetches).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        verifier.verify(token(key));
        assertThat(vault.keyFetches).hasValue(2);
    }

    @Test
    void sendsNoCacheOnlyOnForcedRefreshes() throws Exception {
        TokenVerifier verifier = builder().build();
        vault.keysCacheControl = "max-age=3600";
        verifier.verify(token(key));
        clock.advance(Duration.ofMinutes(1));

        TestKey next = TestKey.rsa("RS256");
        vault.publish(key, next);
        assertThat(verifier.verify(token(next)).keyId()).isEqualTo(next.kid());

        assertThat(vault.keysRequestCacheControl).containsExactly("", "no-cache");
    }

    @Test
    void rejectsDiscoveryThatClaimsAnotherIssuer() {
        TokenVerifier verifier = builder().build();
        vault.discoveryIssuerOverride = vault.issuer() + "/";

        assertThat(reasonOf(verifier, token(key))).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
        assertThat(verifier.health().get(0).lastError()).contains("does not equal the configured issuer");
        assertThat(vault.keyFetches).hasValue(0);
    }

    @Test
    void refusesAJwksUriOnAnotherOrigin() {
        TokenVerifier verifier = builder().build();
        vault.jwksUriOverride = "https://attacker.example/v1/identity/oidc/.well-known/keys";

        assertThat(reasonOf(verifier, token(key))).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
        assertThat(verifier.health().get(0).lastError()).contains("origin");
    }

    @Test
    void refusesOversizedJwksBodies() {
        TokenVerifier verifier = builder().maxResponseBytes(4096).build();
        vault.keysBodyOverride = "{\"keys\":[" + "{},".repeat(2000) + "{}]}";

        assertThat(reasonOf(verifier, token(key))).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
        assertThat(verifier.health().get(0).lastError()).contains("exceeds 4096 bytes");
    }

    @Test
    void startsWithVaultDownThenBecomesReadyWhenItRecovers() throws Exception {
        TokenVerifier verifier = builder().retryInterval(Duration.ofSeconds(5)).build();
        vault.discoveryStatus = 503;

        CompletableFuture<Boolean> warm = verifier.warmUp();
        assertThat(warm).isCompletedWithValue(false);
        assertThat(verifier.isReady()).isFalse();
        assertThat(reasonOf(verifier, token(key))).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
        // one attempt plus its immediate retry; the retry interval holds back the request's attempt
        assertThat(vault.discoveryFetches).hasValue(2);
        assertThat(verifier.health().get(0).lastError()).contains("503");

        vault.discoveryStatus = 200;
        clock.advance(Duration.ofSeconds(5));
        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(verifier.isReady()).isTrue();
        assertThat(verifier.warmUp()).isCompletedWithValue(true);
        assertThat(verifier.health().get(0).lastError()).isNull();
    }

    @Test
    void servesCachedKeysThroughAnOutageWithinTheToleranceThenFailsClosed() throws Exception {
        List<Duration> staleAges = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        TokenVerifier verifier = builder()
                .jwksFallbackTtl(Duration.ofSeconds(60))
                .maxStaleness(Duration.ofMinutes(5))
                .retryInterval(Duration.ofSeconds(10))
                .listener(new VerificationListener() {
                    @Override
                    public void onStaleKeysUsed(String issuer, Duration keyAge) {
                        staleAges.add(keyAge);
                    }

                    @Override
                    public void onJwksFetchFailed(String issuer, String error) {
                        failures.incrementAndGet();
                    }
                })
                .build();
        verifier.verify(token(key));
        vault.keysStatus = 503;

        clock.advance(Duration.ofMinutes(2));
        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(staleAges).contains(Duration.ofMinutes(2));
        assertThat(failures).hasValue(1); // second request within the retry interval did not fetch again
        assertThat(verifier.isReady()).isTrue();

        clock.advance(Duration.ofMinutes(4)); // 6 min since the fetch: beyond TTL 1 min + 5 min tolerance
        assertThat(reasonOf(verifier, token(key))).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
        assertThat(verifier.isReady()).isFalse();

        vault.keysStatus = 200;
        clock.advance(Duration.ofSeconds(10));
        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
    }

    @Test
    void absorbsASingleTransientFailureWithOneImmediateRetry() throws Exception {
        TokenVerifier verifier = builder().build();
        vault.transientKeyFailures.set(1);

        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(vault.keyFetches).hasValue(2);
        assertThat(verifier.health().get(0).lastError()).isNull();
    }

    @Test
    void doesNotRetryDefiniteAnswers() {
        TokenVerifier verifier = builder().build();
        vault.keysStatus = 404;

        assertThat(reasonOf(verifier, token(key))).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
        assertThat(vault.keyFetches).hasValue(1);
    }

    @Test
    void keepsOldKeysWhenVaultServesGarbage() throws Exception {
        TokenVerifier verifier = builder().build();
        verifier.verify(token(key));
        vault.keysBodyOverride = "<html>proxy error</html>";
        clock.advance(Duration.ofSeconds(61));

        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(verifier.health().get(0).lastError()).contains("not a valid JWK set");
        assertThat(verifier.health().get(0).keyCount()).isEqualTo(1);
    }

    @Test
    void unknownKidFloodStaysWithinTheRateLimitAndARealRotationIsStillPickedUp() throws Exception {
        AtomicInteger rateLimited = new AtomicInteger();
        TokenVerifier verifier = builder()
                .unknownKidRefreshInterval(Duration.ofSeconds(30))
                .jwksTtlRange(Duration.ofSeconds(30), Duration.ofHours(1))
                .listener(new VerificationListener() {
                    @Override
                    public void onRefreshRateLimited(String issuer) {
                        rateLimited.incrementAndGet();
                    }
                })
                .build();
        vault.keysCacheControl = "max-age=3600";
        verifier.verify(token(key));
        TestKey rotated = TestKey.rsa("RS256");
        boolean rotatedAccepted = false;
        int secondsUntilRotationAccepted = -1;

        // 120 s of flood, 50 bogus kids per second, valid tokens interleaved; rotation published at t=45 s.
        for (int second = 0; second < 120; second++) {
            if (second == 45) {
                vault.publish(key, rotated);
            }
            String payload = Tokens.b64(Tokens.json(Tokens.vaultClaims(vault.issuer(), clock.instant())));
            for (int i = 0; i < 50; i++) {
                // The signature is never looked at: an unknown kid is rejected before any signature check.
                String bogus = Tokens.b64("{\"alg\":\"RS256\",\"kid\":\"" + UUID.randomUUID() + "\"}") + "." + payload
                        + ".c2lnbmF0dXJl";
                assertThat(reasonOf(verifier, bogus)).isEqualTo(VerificationFailure.UNKNOWN_KEY);
            }
            assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
            if (second >= 45 && !rotatedAccepted) {
                rotatedAccepted = reasonOf(verifier, token(rotated)) == null;
                if (rotatedAccepted) {
                    secondsUntilRotationAccepted = second - 45;
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }

        // One initial fetch plus at most one per 30 s interval over 120 s.
        assertThat(vault.keyFetches.get()).isBetween(2, 1 + 4 + 1);
        assertThat(rateLimited.get()).isGreaterThan(5000);
        assertThat(rotatedAccepted).isTrue();
        assertThat(secondsUntilRotationAccepted).isBetween(0, 30);
        assertThat(verifier.verify(token(rotated)).keyId()).isEqualTo(rotated.kid());
    }

    @Test
    void requestsThatHoldKeysNeverWaitForARefreshAndConcurrentLoadsShareOneFetch() throws Exception {
        ManualExecutor executor = new ManualExecutor();
        TokenVerifier verifier = builder()
                .executor(executor)
                .jwksFallbackTtl(Duration.ofSeconds(60))
                .refreshAhead(Duration.ofSeconds(10))
                .build();

        CompletableFuture<Boolean> first = verifier.warmUp();
        CompletableFuture<Boolean> second = verifier.warmUp();
        assertThat(executor.pending()).isEqualTo(1);
        executor.runAll();
        assertThat(first).isCompletedWithValue(true);
        assertThat(second).isCompletedWithValue(true);
        assertThat(vault.keyFetches).hasValue(1);

        TestKey next = TestKey.rsa("RS256");
        vault.publish(key, next);
        clock.advance(Duration.ofSeconds(55)); // inside refresh-ahead: a refresh is queued, not awaited
        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(verifier.verify(token(key)).keyId()).isEqualTo(key.kid());
        assertThat(executor.pending()).isEqualTo(1);
        assertThat(vault.keyFetches).hasValue(1);

        executor.runAll();
        assertThat(vault.keyFetches).hasValue(2);
        assertThat(verifier.health().get(0).keyCount()).isEqualTo(2);
        assertThat(verifier.verify(token(next)).keyId()).isEqualTo(next.kid());
    }

    @Test
    void coldStartUnderConcurrentLoadMakesOneFetchSharedByAllWaiters() throws Exception {
        java.util.concurrent.ExecutorService fetchPool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.ExecutorService requests = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            TokenVerifier verifier = builder()
                    .executor(fetchPool)
                    .fetchWait(Duration.ofSeconds(30))
                    .build();
            vault.keysGate = new java.util.concurrent.CountDownLatch(1);
            String token = token(key);
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(8);
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(requests.submit(() -> {
                    started.countDown();
                    return verifier.verify(token).keyId();
                }));
            }
            started.await();
            vault.keysGate.countDown();
            for (java.util.concurrent.Future<String> r : results) {
                assertThat(r.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(key.kid());
            }
            assertThat(vault.keyFetches).hasValue(1);
            assertThat(vault.discoveryFetches).hasValue(1);
        } finally {
            fetchPool.shutdownNow();
            requests.shutdownNow();
        }
    }

    @Test
    void aSchedulerKeepsAnIdleVerifierCurrentAndRetriesAfterFailures() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(clock);
        TokenVerifier verifier = builder()
                .scheduler(scheduler)
                .jwksFallbackTtl(Duration.ofSeconds(60))
                .refreshAhead(Duration.ofSeconds(10))
                .retryInterval(Duration.ofSeconds(5))
                .build();
        assertThat(verifier.warmUp()).isCompletedWithValue(true);
        assertThat(scheduler.pendingDueTimes()).containsExactly(clock.instant().plusSeconds(50));

        TestKey next = TestKey.rsa("RS256");
        vault.publish(key, next);
        clock.advance(Duration.ofSeconds(50));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(vault.keyFetches).hasValue(2); // no request needed
        assertThat(verifier.health().get(0).keyCount()).isEqualTo(2);

        vault.keysStatus = 503;
        clock.advance(Duration.ofSeconds(50));
        scheduler.runDue();
        assertThat(verifier.health().get(0).lastError()).contains("503");
        assertThat(scheduler.pendingDueTimes()).containsExactly(clock.instant().plusSeconds(5));

        vault.keysStatus = 200;
        clock.advance(Duration.ofSeconds(5));
        scheduler.runDue();
        assertThat(verifier.health().get(0).lastError()).isNull();
        verifier.close();
        assertThat(scheduler.pendingDueTimes()).isEmpty();
    }

    @Test
    void ignoresJwksEntriesThatCannotBeUsedSafely() throws Exception {
        TestKey ec = TestKey.ec("ES256");
        TokenVerifier verifier = builder().build();
        Map<String, Object> encKey =
                new java.util.LinkedHashMap<>(TestKey.rsa("RS256").publicJwk().toJSONObject());
        encKey.put("use", "enc");
        Map<String, Object> hmacKey = Map.of("kty", "oct", "kid", "hmac", "alg", "HS256", "k", "c2VjcmV0");
        vault.keysBodyOverride = Tokens.json(Map.of(
                "keys", List.of(key.publicJwk().toJSONObject(), ec.publicJwk().toJSONObject(), encKey, hmacKey)));

        verifier.verify(token(key));
        verifier.verify(token(ec));
        assertThat(verifier.health().get(0).keyCount()).isEqualTo(2);
    }
}
