package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** {@code staticJwks}: verification from a given key set, with no network at all. */
class StaticJwksTest {
    private static final String ISSUER = "https://vault.invalid:8200/v1/identity/oidc";
    private final TestKey key = TestKey.rsa("RS256");
    private final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    private TokenVerifier verifier(TestKey... keys) {
        JWKSet set =
                new JWKSet(java.util.Arrays.stream(keys).map(TestKey::publicJwk).toList());
        // An HTTP client that cannot connect anywhere proves no request is made.
        OkHttpClient noNetwork = new OkHttpClient.Builder()
                .proxy(new java.net.Proxy(java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1", 1)))
                .build();
        return TokenVerifier.builder()
                .issuer(ISSUER)
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .httpClient(noNetwork)
                .executor(Runnable::run)
                .scheduler(null)
                .staticJwks(set.toString())
                .build();
    }

    @Test
    void verifiesWithTheGivenKeysAndIsReadyAtOnce() throws Exception {
        try (TokenVerifier v = verifier(key)) {
            assertThat(v.isReady()).isTrue();
            VerifiedToken t = v.verify(Tokens.mint(key, Tokens.vaultClaims(ISSUER, clock.instant())));
            assertThat(t.keyId()).isEqualTo(key.kid());
            assertThat(v.refreshKeys().join()).isTrue();
        }
    }

    @Test
    void unknownKidIsRejectedWithoutAnyFetch() {
        TestKey other = TestKey.rsa("RS256");
        try (TokenVerifier v = verifier(key)) {
            String token = Tokens.mint(other, Tokens.vaultClaims(ISSUER, clock.instant()));
            assertThatThrownBy(() -> v.verify(token))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.UNKNOWN_KEY));
            assertThat(v.health().get(0).lastError()).isNull();
        }
    }

    @Test
    void issuerAllowListStillApplies() {
        try (TokenVerifier v = verifier(key)) {
            String token =
                    Tokens.mint(key, Tokens.vaultClaims("https://elsewhere.invalid/v1/identity/oidc", clock.instant()));
            assertThatThrownBy(() -> v.verify(token))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.WRONG_ISSUER));
        }
    }

    @Test
    void buildRejectsADocumentWithoutUsableKeys() {
        var b = TokenVerifier.builder().issuer(ISSUER).audiences("a");
        assertThatThrownBy(() -> b.staticJwks("{\"keys\":[]}").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no usable signing key");
        assertThatThrownBy(() -> b.staticJwks("not json").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JWK set");
        String es = new JWKSet(TestKey.ec("ES256").publicJwk()).toString();
        assertThatThrownBy(() -> b.algorithms("RS256").staticJwks(es).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
