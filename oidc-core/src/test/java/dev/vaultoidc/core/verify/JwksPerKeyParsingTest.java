package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.vaultoidc.emulator.EmulatorClock;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17 item 1: a JWKS is parsed key by key, so one unusable member never makes the good keys unusable.
 * Each of these odd keys used to turn a valid token into KEYS_UNAVAILABLE.
 */
class JwksPerKeyParsingTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));
    static final TestKey GOOD = TestKey.rsa("RS256");
    static final TestKey EC = TestKey.ec("ES256");

    static List<String> badKeys() {
        Map<String, Object> ec = EC.publicJwk().toJSONObject();
        // Same x, y moved off the curve: an invalid-curve point must be skipped, never used.
        ECKey k = (ECKey) EC.publicJwk();
        BigInteger y = k.getY().decodeToBigInteger().add(BigInteger.ONE);
        byte[] yb = unsigned(y, 32);
        String offCurve = Tokens.json(Map.of(
                "kty",
                "EC",
                "crv",
                "P-256",
                "x",
                ec.get("x"),
                "y",
                Base64.getUrlEncoder().withoutPadding().encodeToString(yb),
                "kid",
                EC.kid(),
                "use",
                "sig",
                "alg",
                "ES256"));
        String n = (String) GOOD.publicJwk().toJSONObject().get("n");
        return List.of(
                offCurve,
                "{\"kty\":\"EC\",\"crv\":\"P-999\",\"x\":\"AQAB\",\"y\":\"AQAB\",\"kid\":\"ec-unknown-curve\",\"alg\":\"ES256\"}",
                "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"kid\":\"rsa-no-n\",\"alg\":\"RS256\",\"use\":\"sig\"}",
                "{\"kty\":\"RSA\",\"n\":\"" + n
                        + "\",\"e\":\"AQAB\",\"kid\":\"clash\",\"alg\":\"RS256\",\"use\":\"sig\","
                        + "\"key_ops\":[\"encrypt\"]}",
                "{\"kty\":\"RSA\",\"n\":\"" + n + "\",\"e\":\"AQAB\",\"kid\":\"bad-x5c\",\"alg\":\"RS256\","
                        + "\"x5c\":[\"not base64 !!\"]}",
                "{\"kty\":\"RSA\",\"n\":\"" + n + "\",\"e\":\"AQAB\",\"kid\":\"num-use\",\"alg\":\"RS256\",\"use\":5}",
                "{\"kty\":\"OKP\",\"crv\":\"X999\",\"x\":\"AQAB\",\"kid\":\"okp-unknown\",\"alg\":\"EdDSA\"}",
                "{\"kty\":\"RSA\",\"n\":\"" + n + "\",\"e\":\"AQAB\",\"kid\":7,\"alg\":\"RS256\",\"use\":\"sig\"}");
    }

    private static byte[] unsigned(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(len, raw.length);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void oneUnusableKeyIsSkippedAndCountedWhileGoodKeysStillVerify(String bad) throws Exception {
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.keysBodyOverride = "{\"keys\":[" + bad + "," + GOOD.publicJwk().toJSONString() + "]}";
        List<String> skipped = new CopyOnWriteArrayList<>();
        VerificationListener listener = new VerificationListener() {
            @Override
            public void onJwksKeySkipped(String issuer, String kid, String reason) {
                skipped.add(kid);
            }
        };
        try (TokenVerifier v = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .scheduler(null)
                .tokenCacheSize(0)
                .listener(listener)
                .build()) {
            VerifiedToken t = v.verify(Tokens.mint(GOOD, Tokens.vaultClaims(vault.issuer(), clock.instant())));
            assertThat(t.keyId()).isEqualTo(GOOD.kid());
            assertThat(v.health().get(0).keyCount()).isEqualTo(1);
            assertThat(skipped).hasSize(1);
            if (bad.contains(EC.kid())) {
                // The off-curve key is never used: a token naming its kid is not accepted.
                String ecToken = Tokens.mint(EC, Tokens.vaultClaims(vault.issuer(), clock.instant()));
                assertThat(reasonOf(v, ecToken)).isEqualTo(VerificationFailure.UNKNOWN_KEY);
            }
        }
    }

    static VerificationFailure reasonOf(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenVerificationException e) {
            return e.reason();
        }
    }
}
