package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.RSAKey;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Issue 17 items 6 (key_ops must allow verify, RFC 7517 §4.3) and 8 (no silent narrowing in typed claims). */
class KeyOpsAndTypedClaimsTest {
    private static final String ISSUER = "https://vault.invalid:8200/v1/identity/oidc";
    private final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private final TestKey good = TestKey.rsa("RS256");

    private TokenVerifier verifier(String jwks) {
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
                .staticJwks(jwks)
                .build();
    }

    private static TestKey withOps(TestKey k, KeyOperation... ops) {
        RSAKey rsa = new RSAKey.Builder((RSAKey) k.publicJwk())
                .keyUse(null)
                .keyOperations(Set.of(ops))
                .build();
        return new TestKey(rsa, k.privateKey(), k.alg());
    }

    @Test
    void aKeyWhoseKeyOpsLackVerifyDoesNotVerify() throws Exception {
        TestKey signOnly = withOps(TestKey.rsa("RS256"), KeyOperation.SIGN);
        TestKey verifyOk = withOps(TestKey.rsa("RS256"), KeyOperation.VERIFY, KeyOperation.SIGN);
        String jwks = "{\"keys\":[" + good.publicJwk().toJSONString() + ","
                + signOnly.publicJwk().toJSONString() + ","
                + verifyOk.publicJwk().toJSONString() + "]}";
        try (TokenVerifier v = verifier(jwks)) {
            assertThat(v.verify(Tokens.mint(verifyOk, Tokens.vaultClaims(ISSUER, clock.instant())))
                            .keyId())
                    .isEqualTo(verifyOk.kid());
            assertThatThrownBy(() -> v.verify(Tokens.mint(signOnly, Tokens.vaultClaims(ISSUER, clock.instant()))))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.UNKNOWN_KEY));
        }
    }

    @Test
    void typedClaimAccessFailsWhenTheValueDoesNotFit() throws Exception {
        Map<String, Object> claims = Tokens.vaultClaims(ISSUER, clock.instant());
        claims.put("big", 1L << 40);
        claims.put("small", 7);
        claims.put("frac", 1.5);
        claims.put("whole", 2.0);
        claims.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
        claims.put("precise", (1L << 60) + 1);
        try (TokenVerifier v = verifier("{\"keys\":[" + good.publicJwk().toJSONString() + "]}")) {
            VerifiedToken t = v.verify(Tokens.mint(good, claims));
            assertThat(t.claim("small", Integer.class)).contains(7);
            assertThat(t.claim("small", Long.class)).contains(7L);
            assertThat(t.claim("big", Long.class)).contains(1L << 40);
            assertThat(t.claim("whole", Long.class)).contains(2L);
            assertThat(t.claim("frac", Double.class)).contains(1.5);
            assertThatThrownBy(() -> t.claim("big", Integer.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.claim("frac", Long.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.claim("frac", Integer.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.claim("frac", Instant.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.claim("huge", Long.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.claim("precise", Double.class)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
