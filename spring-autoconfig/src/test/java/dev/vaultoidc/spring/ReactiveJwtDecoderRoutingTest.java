package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Which thread {@link VaultOidcReactiveJwtDecoder} verifies on: off-loop (the given scheduler) whenever the verifier
 * might call Vault, on the caller's thread only when the verifier answers from memory.
 */
class ReactiveJwtDecoderRoutingTest {
    static final VaultFixture VAULT = VaultFixture.start();
    static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    final AtomicInteger offLoop = new AtomicInteger();
    final Scheduler counting = Schedulers.fromExecutor(task -> {
        offLoop.incrementAndGet();
        POOL.execute(task);
    });

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private TokenVerifier verifier() {
        return TokenVerifier.builder()
                .vaultAddress(VAULT.address())
                .audiences(VAULT.clientId)
                .build();
    }

    @Test
    void firstUseOfAKidIsOffLoopThenVerifiedInPlaceUntilTheKeySetChanges() throws Exception {
        try (TokenVerifier verifier = verifier()) {
            assertThat(verifier.warmUp().get(10, TimeUnit.SECONDS)).isTrue();
            VaultOidcReactiveJwtDecoder decoder = new VaultOidcReactiveJwtDecoder(verifier, false, counting);
            String alice = VAULT.idToken("alice");

            Jwt first = decoder.decode(alice).block(Duration.ofSeconds(10));
            assertThat(offLoop).hasValue(1);
            String caller = Thread.currentThread().getName();
            String[] ranOn = new String[1];
            decoder.decode(VAULT.idToken("bob"))
                    .doOnNext(j -> ranOn[0] = Thread.currentThread().getName())
                    .block(Duration.ofSeconds(10));
            assertThat(offLoop).as("known kid, keys cached: in place").hasValue(1);
            assertThat(ranOn[0]).isEqualTo(caller);
            assertThat(first.getSubject()).isEqualTo(VAULT.aliceId);

            assertThat(verifier.refreshKeys().get(10, TimeUnit.SECONDS)).isTrue();
            decoder.decode(alice).block(Duration.ofSeconds(10));
            assertThat(offLoop)
                    .as("a new key set: the kid is checked off-loop once more")
                    .hasValue(2);
            decoder.decode(alice).block(Duration.ofSeconds(10));
            assertThat(offLoop).hasValue(2);
        }
    }

    @Test
    void coldStartWaitsForTheWarmUpAndVerifiesOffLoop() {
        try (TokenVerifier verifier = verifier()) {
            VaultOidcReactiveJwtDecoder decoder = new VaultOidcReactiveJwtDecoder(verifier, false, counting);

            Jwt jwt = decoder.decode(VAULT.idToken("alice")).block(Duration.ofSeconds(10));

            assertThat(jwt.getSubject()).isEqualTo(VAULT.aliceId);
            assertThat(offLoop).hasValue(1);
        }
    }

    @Test
    void withIntrospectionEveryVerificationIsOffLoop() throws Exception {
        try (TokenVerifier verifier = verifier()) {
            assertThat(verifier.warmUp().get(10, TimeUnit.SECONDS)).isTrue();
            VaultOidcReactiveJwtDecoder decoder = new VaultOidcReactiveJwtDecoder(verifier, true, counting);
            String alice = VAULT.idToken("alice");

            decoder.decode(alice).block(Duration.ofSeconds(10));
            decoder.decode(alice).block(Duration.ofSeconds(10));

            assertThat(offLoop).hasValue(2);
        }
    }
}
