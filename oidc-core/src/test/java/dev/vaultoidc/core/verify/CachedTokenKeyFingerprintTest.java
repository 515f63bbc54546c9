package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 7: a verified-token cache hit re-checks that the very key it was verified with is still
 * published, not only its kid. A kid republished with new material must not keep old tokens alive.
 */
class CachedTokenKeyFingerprintTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));

    @Test
    void aKidRepublishedWithNewMaterialInvalidatesCachedTokens() throws Exception {
        VaultOidcStub vault = new VaultOidcStub(server);
        TestKey old = TestKey.rsa("RS256");
        vault.publish(old);
        try (TokenVerifier v = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .scheduler(null)
                .build()) {
            String token = Tokens.mint(old, Tokens.vaultClaims(vault.issuer(), clock.instant()));
            assertThat(v.verify(token).keyId()).isEqualTo(old.kid());
            assertThat(v.verify(token).keyId()).isEqualTo(old.kid()); // from the cache

            // Same kid, new key material.
            TestKey fresh = TestKey.rsa("RS256");
            RSAKey sameKid = new RSAKey.Builder((RSAKey) fresh.publicJwk())
                    .keyID(old.kid())
                    .build();
            vault.published = List.of(sameKid);
            assertThat(v.refreshKeys().join()).isTrue();

            assertThatThrownBy(() -> v.verify(token))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.BAD_SIGNATURE));
        }
    }
}
