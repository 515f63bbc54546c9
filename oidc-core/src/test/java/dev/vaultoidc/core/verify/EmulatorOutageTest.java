package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vault's JWKS endpoint fails (503, then dropped connections): the verifier keeps verifying with its cached keys
 * within TTL + maxStaleness, then fails closed with KEYS_UNAVAILABLE, and recovers when Vault answers again.
 *
 * Emulator-only: the outage is injected faults (503, dropped connections), which a real server cannot be asked for.
 */
@ExtendWith(VaultEmulatorExtension.class)
class EmulatorOutageTest {
    static {
        QuietLogs.apply();
    }

    private static final String KEYS = "identity/oidc/.well-known/keys";

    private VaultEmulator vault;
    private EmulatorOidcFixture oidc;
    private String clientId;

    @BeforeEach
    void setUp(VaultEmulator vault) {
        vault.reset();
        this.vault = vault;
        this.oidc = new EmulatorOidcFixture(vault, "outage-workload");
        oidc.key("k", Map.of("allowed_client_ids", "*"));
        clientId = oidc.role("r", Map.of("key", "k", "ttl", "1h"));
    }

    /** TTL 5 min (Vault's max-age of a day is clamped), 10 min stale tolerance: keys usable until 15 min. */
    private TokenVerifier verifier() {
        return TokenVerifier.builder()
                .issuer(oidc.issuer())
                .audiences(clientId)
                .clock(vault.clock())
                .executor(Runnable::run)
                .scheduler(null)
                .jwksTtlRange(Duration.ofSeconds(30), Duration.ofMinutes(5))
                .maxStaleness(Duration.ofMinutes(10))
                .build();
    }

    @Test
    void cachedKeysCarryThroughAnOutageWithinToleranceThenFailClosedThenRecover() throws Exception {
        String token = oidc.mint("r");
        try (TokenVerifier verifier = verifier()) {
            assertThat(verifier.warmUp().join()).isTrue();
            verifier.verify(token);

            vault.faults().status(KEYS, 503);
            long before = vault.requestCount(KEYS);
            vault.clock().advance(Duration.ofMinutes(6)); // past the TTL: a refresh is due and fails
            assertThat(verifier.verify(token).entityId()).isEqualTo(oidc.entityId);
            assertThat(vault.requestCount(KEYS)).as("the refresh asked Vault").isGreaterThan(before);
            assertThat(verifier.health().get(0).lastError()).contains("503");
            assertThat(verifier.isReady()).isTrue();

            vault.faults().clear();
            vault.faults().dropConnection(KEYS, 0);
            vault.clock().advance(Duration.ofMinutes(8)); // 14 min: stale, still within the tolerance
            String fresh = oidc.mint("r");
            assertThat(verifier.verify(fresh).keyId()).isEqualTo(EmulatorOidcFixture.kidOf(fresh));
            assertThat(verifier.health().get(0).lastError()).doesNotContain("503");

            vault.clock().advance(Duration.ofMinutes(2)); // 16 min: beyond TTL + maxStaleness
            for (String t : new String[] {token, fresh, oidc.mint("r")}) {
                assertThatThrownBy(() -> verifier.verify(t))
                        .isInstanceOfSatisfying(
                                TokenVerificationException.class,
                                e -> assertThat(e.reason()).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE));
            }
            assertThat(verifier.isReady()).isFalse();

            vault.faults().clear();
            vault.clock().advance(Duration.ofSeconds(6)); // past the retry interval
            assertThat(verifier.verify(oidc.mint("r")).entityId()).isEqualTo(oidc.entityId);
            assertThat(verifier.isReady()).isTrue();
            assertThat(verifier.health().get(0).lastError()).isNull();
        }
    }

    @Test
    void coldStartDuringAnOutageFailsClosedAndRetriesOnlyAfterTheInterval() throws Exception {
        String token = oidc.mint("r");
        vault.faults().status(KEYS, 503);
        try (TokenVerifier verifier = verifier()) {
            assertThat(verifier.warmUp().join()).isFalse();
            long afterWarmUp = vault.requestCount(KEYS);
            assertThatThrownBy(() -> verifier.verify(token))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE));
            assertThat(vault.requestCount(KEYS))
                    .as("no new attempt inside the retry interval")
                    .isEqualTo(afterWarmUp);

            vault.faults().clear();
            vault.clock().advance(Duration.ofSeconds(6));
            assertThat(verifier.verify(token).entityId()).isEqualTo(oidc.entityId);
        }
    }
}
