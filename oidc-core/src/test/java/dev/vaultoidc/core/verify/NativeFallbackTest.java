package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.JWKSet;
import dev.vaultoidc.core.verify.SignatureProvider.Unavailability;
import dev.vaultoidc.emulator.EmulatorClock;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The self-test catches providers that would change verdicts, and then the verifier falls back to the JDK (AUTO,
 * one WARN line, the reason in its status) or refuses to build (NATIVE). The faulty providers are real JCA
 * providers: one accepts every signature, one rejects high-S ECDSA signatures the JDK accepts.
 */
class NativeFallbackTest {
    private static final String ISSUER = "https://vault.invalid:8200/v1/identity/oidc";
    private static final EmulatorClock CLOCK = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /** A Signature that delegates to the JDK's, with a verdict hook. */
    abstract static class Delegating extends SignatureSpi {
        final Signature jdk;
        PublicKey key;

        Delegating(String algorithm) {
            try {
                jdk = Signature.getInstance(algorithm);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            key = publicKey;
            jdk.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("verify only");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException("verify only");
        }

        @Override
        @SuppressWarnings("deprecation")
        protected void engineSetParameter(String param, Object value) {}

        @Override
        @SuppressWarnings("deprecation")
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    /** The worst provider: every signature verifies. */
    static final class AcceptsAll extends Delegating {
        AcceptsAll() {
            super("SHA256withRSA");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }
    }

    /** A stricter ECDSA: rejects s > n/2 (as Bitcoin does) where the JDK and JOSE accept it. */
    static final class LowSOnly extends Delegating {
        LowSOnly() {
            super("SHA256withECDSA");
        }

        @Override
        protected boolean engineVerify(byte[] der) throws SignatureException {
            try {
                byte[] raw = ECDSA.transcodeSignatureToConcat(der, 64);
                BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
                BigInteger n = ((ECPublicKey) key).getParams().getOrder();
                return s.compareTo(n.shiftRight(1)) <= 0 && jdk.verify(der);
            } catch (com.nimbusds.jose.JOSEException e) {
                return false;
            }
        }
    }

    /** A provider offering one Signature; never registered with Security, used directly as the verifier does. */
    static final class OneSignature extends Provider {
        private static final long serialVersionUID = 1L;

        OneSignature(String name, String algorithm, Supplier<SignatureSpi> spi) {
            super(name, "1.0", "faulty test provider");
            putService(
                    new Service(
                            this, "Signature", algorithm, spi.get().getClass().getName(), null, null) {
                        @Override
                        public Object newInstance(Object constructorParameter) {
                            return spi.get();
                        }
                    });
        }
    }

    static Provider provider(String name, String algorithm, Supplier<SignatureSpi> spi) {
        return new OneSignature(name, algorithm, spi);
    }

    static final Provider ACCEPTS_ALL = provider("AcceptsAll", "SHA256withRSA", AcceptsAll::new);
    static final Provider LOW_S_ONLY = provider("LowSOnly", "SHA256withECDSA", LowSOnly::new);

    @Test
    void selfTestCatchesAProviderThatAcceptsEverything() {
        assertThat(SignatureSelfTest.run(ACCEPTS_ALL, JWSAlgorithm.RS256))
                .contains("the native provider accepts it, the JDK rejects it");
    }

    @Test
    void selfTestCatchesAProviderStricterThanTheJdkOnHighS() {
        // Catching disagreement in either direction: rejecting what the JDK accepts breaks tokens just the same.
        // Which case trips first depends on the random signatures (a valid one has a high S half the time); the
        // dedicated "high S (n - s)" case makes sure one always does.
        String failure = SignatureSelfTest.run(LOW_S_ONLY, JWSAlgorithm.ES256);
        assertThat(failure).endsWith(": the native provider rejects it, the JDK accepts it");
    }

    @Test
    void selfTestNamesAnAlgorithmTheProviderLacks() {
        assertThat(SignatureSelfTest.run(LOW_S_ONLY, JWSAlgorithm.RS256)).isEqualTo("LowSOnly has no SHA256withRSA");
    }

    @Test
    void autoFallsBackToTheJdkPerAlgorithmWithOneWarnLineAndTheReasonInTheStatus() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(NativeSignatures.class);
        Level before = log.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        log.setLevel(Level.WARN);
        try {
            NativeSignatures.Loaded loaded = new NativeSignatures.Loaded(LOW_S_ONLY, "LowSOnly 1.0", null, null);
            List<JWSAlgorithm> algs = List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
            // Outcomes kept once per JVM, as NativeSignatures does for ACCP: a second verifier reuses them.
            java.util.Map<JWSAlgorithm, String> once = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.function.BiFunction<Provider, JWSAlgorithm, String> selfTest =
                    (p, a) -> once.computeIfAbsent(a, x -> SignatureSelfTest.run(p, x));
            NativeSignatures.Selection first =
                    NativeSignatures.select(SignatureProvider.AUTO, algs, () -> loaded, selfTest);
            NativeSignatures.Selection second =
                    NativeSignatures.select(SignatureProvider.AUTO, algs, () -> loaded, selfTest);

            assertThat(first.providerFor(JWSAlgorithm.ES256)).isNull();
            assertThat(first.providerFor(JWSAlgorithm.RS256)).isNull();
            SignatureProvider.Status status = first.status();
            assertThat(status.active()).isEqualTo(SignatureProvider.JDK);
            assertThat(status.nativeAlgorithms()).isEmpty();
            assertThat(status.fallback()).isEqualTo(Unavailability.SELF_TEST_FAILED);
            assertThat(status.fallbackDetail())
                    .contains("ES256: ", "the native provider rejects it, the JDK accepts it")
                    .contains("RS256: LowSOnly has no SHA256withRSA");
            assertThat(second.status()).isEqualTo(status);
            assertThat(appender.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("LowSOnly 1.0", "using the JDK", "ES256");
            });
        } finally {
            log.detachAppender(appender);
            log.setLevel(before);
        }
    }

    @Test
    void autoKeepsTheAlgorithmsThatPassed() {
        NativeSignatures.Loaded accp = NativeSignatures.accp();
        NativeSignatures.Selection s = NativeSignatures.select(
                SignatureProvider.AUTO,
                List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                () -> accp,
                (p, alg) -> alg.equals(JWSAlgorithm.ES256) ? "simulated miss" : null);
        assertThat(s.providerFor(JWSAlgorithm.RS256)).isSameAs(accp.provider());
        assertThat(s.providerFor(JWSAlgorithm.ES256)).isNull();
        assertThat(s.status().active()).isEqualTo(SignatureProvider.NATIVE);
        assertThat(s.status().nativeAlgorithms()).containsExactly("RS256");
        assertThat(s.status().fallbackDetail()).isEqualTo("self-test failed for ES256: simulated miss");
    }

    @Test
    void nativeRefusesToBuildWhenTheSelfTestFails() {
        NativeSignatures.Loaded loaded = new NativeSignatures.Loaded(ACCEPTS_ALL, "AcceptsAll 1.0", null, null);
        assertThatThrownBy(() -> NativeSignatures.select(
                        SignatureProvider.NATIVE, List.of(JWSAlgorithm.RS256), () -> loaded, SignatureSelfTest::run))
                .isInstanceOfSatisfying(SignatureProvider.UnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Unavailability.SELF_TEST_FAILED);
                    assertThat(e.getMessage()).contains("AcceptsAll 1.0", "RS256", "accepts it");
                });
    }

    @Test
    void aFallenBackVerifierRejectsWhatTheFaultyProviderWouldHaveAccepted() throws Exception {
        // End to end through the builder's own selection: with the JDK chosen for RS256, a forged token fails.
        TestKey key = TestKey.rsa("RS256");
        TestKey attacker = TestKey.rsa("RS256");
        NativeSignatures.Selection fallback = NativeSignatures.select(
                SignatureProvider.AUTO,
                List.of(JWSAlgorithm.RS256),
                () -> new NativeSignatures.Loaded(ACCEPTS_ALL, "AcceptsAll 1.0", null, null),
                SignatureSelfTest::run);
        var keys = KeySnapshot.parseKeys(
                new JWKSet(key.publicJwk()).toString(),
                java.util.Set.of(JWSAlgorithm.RS256),
                fallback,
                (kid, reason) -> {});
        var forged = Tokens.mint(attacker, withKid(attacker, key), Tokens.vaultClaims(ISSUER, CLOCK.instant()));
        int dot = forged.lastIndexOf('.');
        byte[] input = forged.substring(0, dot).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] sig = java.util.Base64.getUrlDecoder().decode(forged.substring(dot + 1));

        assertThat(keys.get(key.kid()).check().provider()).isNull();
        assertThat(keys.get(key.kid()).check().verify(input, sig)).isFalse();
        // And the faulty provider, had it been trusted, would have let the forgery in.
        assertThat(SignatureCheck.of(
                                JWSAlgorithm.RS256, key.publicJwk().toRSAKey().toPublicKey(), ACCEPTS_ALL)
                        .verify(input, sig))
                .isTrue();
    }

    private static java.util.Map<String, Object> withKid(TestKey signer, TestKey victim) {
        var h = Tokens.header(signer);
        h.put("kid", victim.kid());
        return h;
    }
}
