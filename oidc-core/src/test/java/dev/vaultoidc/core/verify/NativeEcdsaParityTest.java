package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.vaultoidc.emulator.EmulatorClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ECDSA is where signature providers have disagreed (CVE-2022-21449 let r = s = 0 through), so its edge cases go
 * through a JDK verifier and a NATIVE one as whole tokens: the JOSE R||S to DER conversion, r or s zero or not
 * below the group order n, high S, wrong lengths. Each must get the same verdict on both, and the verdict a
 * correct ECDSA verifier gives.
 */
class NativeEcdsaParityTest {
    private static final String ISSUER = "https://vault.invalid:8200/v1/identity/oidc";
    private static final EmulatorClock CLOCK = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private static final List<TestKey> KEYS = List.of(TestKey.ec("ES256"), TestKey.ec("ES384"), TestKey.ec("ES512"));
    private static TokenVerifier jdk;
    private static TokenVerifier accp;

    @BeforeAll
    static void build() {
        jdk = verifier(SignatureProvider.JDK);
        accp = verifier(SignatureProvider.NATIVE);
    }

    @AfterAll
    static void close() {
        jdk.close();
        accp.close();
    }

    private static TokenVerifier verifier(SignatureProvider provider) {
        return TokenVerifier.builder()
                .issuer(ISSUER)
                .audiences(Tokens.CLIENT_ID)
                .clock(CLOCK)
                .executor(Runnable::run)
                .scheduler(null)
                .tokenCacheSize(0)
                .signatureProvider(provider)
                .staticJwks(new JWKSet(KEYS.stream().map(TestKey::publicJwk).toList()).toString())
                .build();
    }

    private static TestKey key(String alg) {
        return KEYS.stream().filter(k -> k.alg().equals(alg)).findFirst().orElseThrow();
    }

    /** A correctly signed token of {@code key}, split at its last dot. */
    private static String[] signed(TestKey key) {
        String token = Tokens.mint(key, Tokens.vaultClaims(ISSUER, CLOCK.instant()));
        int dot = token.lastIndexOf('.');
        return new String[] {token.substring(0, dot), token.substring(dot + 1)};
    }

    private static String withSignature(String signingInput, byte[] signature) {
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** Both verifiers' verdict, which must be the same; returns it. */
    private static String verdict(String name, String token) {
        String j = verdictOf(jdk, token);
        assertThat(verdictOf(accp, token)).as(name + " (native vs JDK)").isEqualTo(j);
        return j;
    }

    private static String verdictOf(TokenVerifier v, String token) {
        try {
            return "accepted " + v.verify(token).keyId();
        } catch (TokenVerificationException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    private static byte[] raw(BigInteger r, BigInteger s, int half) {
        byte[] out = new byte[2 * half];
        put(r, out, 0, half);
        put(s, out, half, half);
        return out;
    }

    private static void put(BigInteger v, byte[] to, int offset, int length) {
        byte[] b = v.toByteArray();
        int skip = b.length > length ? b.length - length : 0;
        assertThat(b.length - skip).isLessThanOrEqualTo(length);
        System.arraycopy(b, skip, to, offset + length - (b.length - skip), b.length - skip);
    }

    @Test
    void bothVerifiersReallyDifferInProvider() {
        assertThat(jdk.signatureStatus().active()).isEqualTo(SignatureProvider.JDK);
        assertThat(accp.signatureStatus().nativeAlgorithms()).contains("ES256", "ES384", "ES512");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void outOfRangeAndWrongLengthSignaturesAreRejectedByBoth(String alg) throws Exception {
        TestKey key = key(alg);
        String[] t = signed(key);
        byte[] sig = Base64.getUrlDecoder().decode(t[1]);
        int half = sig.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        BigInteger n = ((ECPublicKey) key(alg).publicJwk().toECKey().toECPublicKey())
                .getParams()
                .getOrder();
        BigInteger max = BigInteger.ONE.shiftLeft(8 * half).subtract(BigInteger.ONE);

        assertThat(verdict("valid", withSignature(t[0], sig))).startsWith("accepted");
        record Bad(String name, byte[] signature) {}
        List<Bad> bad = new java.util.ArrayList<>(List.of(
                new Bad("r = 0", raw(BigInteger.ZERO, s, half)),
                new Bad("s = 0", raw(r, BigInteger.ZERO, half)),
                new Bad("r = s = 0", new byte[2 * half]),
                new Bad("r = n", raw(n, s, half)),
                new Bad("s = n", raw(r, n, half)),
                new Bad("r = 2^k - 1", raw(max, s, half)),
                new Bad("s = 2^k - 1", raw(r, max, half)),
                new Bad("r = 1, s = 1", raw(BigInteger.ONE, BigInteger.ONE, half)),
                new Bad("r and s swapped", raw(s, r, half)),
                new Bad("one byte short", Arrays.copyOf(sig, sig.length - 1)),
                new Bad("one zero byte appended", Arrays.copyOf(sig, sig.length + 1)),
                new Bad("only r", Arrays.copyOf(sig, half)),
                new Bad("R||S of the next size up", Arrays.copyOf(sig, sig.length + 32)),
                new Bad("DER instead of R||S", der(r, s))));
        if (r.add(n).compareTo(max) <= 0) {
            bad.add(new Bad("r = r + n", raw(r.add(n), s, half)));
        }
        if (s.add(n).compareTo(max) <= 0) {
            bad.add(new Bad("s = s + n", raw(r, s.add(n), half)));
        }
        for (Bad b : bad) {
            assertThat(verdict(b.name(), withSignature(t[0], b.signature())))
                    .as(alg + " " + b.name())
                    .startsWith("BAD_SIGNATURE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void highSIsAcceptedByBothAsTheJdkDoes(String alg) throws Exception {
        // (r, n - s) is the other valid signature for the same r; ECDSA and the JDK accept it, and JOSE does not
        // forbid it. Rejecting it on one path only would make the same token pass on one host and fail on another.
        TestKey key = key(alg);
        String[] t = signed(key);
        byte[] sig = Base64.getUrlDecoder().decode(t[1]);
        int half = sig.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        BigInteger n = ((ECPublicKey) key.publicJwk().toECKey().toECPublicKey())
                .getParams()
                .getOrder();

        assertThat(verdict("high S", withSignature(t[0], raw(r, n.subtract(s), half))))
                .startsWith("accepted");
    }

    @Test
    void rawToDerConversionHandlesLeadingZerosAndHighBits() throws Exception {
        // DER integers drop leading zero bytes and need a 0x00 before a set high bit; R||S is fixed-length. A
        // signature whose r starts with a zero byte (1 in 256) exercises the first, about half exercise the second.
        TestKey key = key("ES256");
        String input = signed(key)[0];
        Provider fast = NativeSignatures.accp().provider();
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format", fast);
        boolean leadingZeroR = false;
        boolean leadingZeroS = false;
        boolean highBitR = false;
        for (int i = 0; i < 20_000 && !(leadingZeroR && leadingZeroS && highBitR); i++) {
            signer.initSign(key.privateKey());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = signer.sign();
            boolean zr = sig[0] == 0;
            boolean zs = sig[32] == 0;
            boolean hr = (sig[0] & 0x80) != 0;
            if ((zr && !leadingZeroR) || (zs && !leadingZeroS) || (hr && !highBitR)) {
                assertThat(verdict("r[0]=" + sig[0] + " s[0]=" + sig[32], withSignature(input, sig)))
                        .startsWith("accepted");
                leadingZeroR |= zr;
                leadingZeroS |= zs;
                highBitR |= hr;
            }
        }
        assertThat(leadingZeroR && leadingZeroS && highBitR).isTrue();
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        int body = 2 + rb.length + 2 + sb.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        if (body >= 128) {
            out.write(0x81);
        }
        out.write(body);
        out.write(0x02);
        out.write(rb.length);
        out.writeBytes(rb);
        out.write(0x02);
        out.write(sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }
}
