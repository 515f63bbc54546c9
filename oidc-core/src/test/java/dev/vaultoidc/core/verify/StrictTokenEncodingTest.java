package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.vaultoidc.emulator.EmulatorClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 items 4 and 5: one spelling per token (canonical base64url) and UTF-8 only (RFC 7519 §7.2). Each
 * case is a token another verifier reads differently or refuses, so accepting it here would be a disagreement.
 */
class StrictTokenEncodingTest {
    private static final String ISSUER = "https://vault.invalid:8200/v1/identity/oidc";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final TestKey key = TestKey.rsa("RS256");
    private final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    private TokenVerifier verifier() {
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
                .staticJwks(new JWKSet(key.publicJwk()).toString())
                .build();
    }

    private static VerificationFailure reasonOf(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenVerificationException e) {
            return e.reason();
        }
    }

    /** The same string with its last character's unused low bits set: decodes to the same bytes. */
    private static String nonCanonical(String part) {
        int rem = part.length() % 4;
        int unused = rem == 2 ? 0x0f : 0x03;
        int v = ALPHABET.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + ALPHABET.charAt(v | unused);
    }

    @Test
    void nonZeroTrailingBitsInAnyPartAreRefused() {
        try (TokenVerifier v = verifier()) {
            String token = Tokens.mint(key, Tokens.vaultClaims(ISSUER, clock.instant()));
            assertThat(reasonOf(v, token)).isNull();
            String[] p = token.split("\\.");
            assertThat(p[2].length() % 4).isNotZero(); // RS256 with 2048 bits: 342 characters
            assertThat(Base64.getUrlDecoder().decode(nonCanonical(p[2])))
                    .isEqualTo(Base64.getUrlDecoder().decode(p[2]));
            assertThat(reasonOf(v, p[0] + "." + p[1] + "." + nonCanonical(p[2])))
                    .isEqualTo(VerificationFailure.MALFORMED);
            assertThat(reasonOf(v, p[0] + "." + p[1] + "." + p[2] + "==")).isEqualTo(VerificationFailure.MALFORMED);
        }
    }

    @Test
    void nonCanonicalHeaderOrPayloadIsRefusedEvenWhenSigned() {
        try (TokenVerifier v = verifier()) {
            // Pad the JSON until its encoding has unused bits, then sign the non-canonical spelling itself.
            String payload = Tokens.json(Tokens.vaultClaims(ISSUER, clock.instant()));
            while (Tokens.b64(payload).length() % 4 == 0) {
                payload = payload + " ";
            }
            String h = Tokens.b64(Tokens.json(Tokens.header(key)));
            String input = h + "." + nonCanonical(Tokens.b64(payload));
            String sig = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
            assertThat(reasonOf(v, input + "." + sig)).isEqualTo(VerificationFailure.MALFORMED);
        }
    }

    private String signBytes(byte[] payload) {
        String input = Tokens.b64(Tokens.json(Tokens.header(key))) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        byte[] sig = key.sign(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    private byte[] payloadWithSub(byte[] sub) {
        Map<String, Object> claims = Tokens.vaultClaims(ISSUER, clock.instant());
        claims.remove("sub");
        String json = Tokens.json(claims);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(",\"sub\":\"".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(sub);
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void onlyStrictUtf8IsAccepted() {
        String json = Tokens.json(Tokens.vaultClaims(ISSUER, clock.instant()));
        try (TokenVerifier v = verifier()) {
            assertThat(reasonOf(v, signBytes(json.getBytes(StandardCharsets.UTF_8))))
                    .isNull();
            assertThat(reasonOf(v, signBytes(payloadWithSub("caf\u00e9".getBytes(StandardCharsets.UTF_8)))))
                    .isNull();

            ByteArrayOutputStream bom = new ByteArrayOutputStream();
            bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            bom.writeBytes(json.getBytes(StandardCharsets.UTF_8));
            List<byte[]> hostile = List.of(
                    bom.toByteArray(),
                    json.getBytes(StandardCharsets.UTF_16BE),
                    json.getBytes(StandardCharsets.UTF_16LE),
                    json.getBytes(StandardCharsets.UTF_16),
                    json.getBytes(Charset.forName("UTF-32BE")),
                    json.getBytes(Charset.forName("UTF-32LE")),
                    // overlong '/': Go reads U+FFFD, a lenient decoder reads "/"
                    payloadWithSub(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'}),
                    // a surrogate encoded directly (CESU-8), and a lone one escaped in JSON
                    payloadWithSub(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                    payloadWithSub("a\\ud800b".getBytes(StandardCharsets.US_ASCII)),
                    payloadWithSub("a\\udc00".getBytes(StandardCharsets.US_ASCII)),
                    payloadWithSub(new byte[] {'a', (byte) 0xFF}));
            for (byte[] p : hostile) {
                assertThat(reasonOf(v, signBytes(p)))
                        .as(new String(p, StandardCharsets.ISO_8859_1))
                        .isEqualTo(VerificationFailure.MALFORMED);
            }
            // A properly escaped surrogate pair is one character and fine.
            assertThat(reasonOf(v, signBytes(payloadWithSub("\\ud83d\\ude00".getBytes(StandardCharsets.US_ASCII)))))
                    .isNull();
        }
    }

    @Test
    void constantsStayAsDocumented() {
        assertThatThrownBy(() -> CompactToken.parse("a.b")).isInstanceOf(TokenVerificationException.class);
    }
}
