package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.vaultoidc.core.verify.SignatureProvider.Unavailability;
import dev.vaultoidc.emulator.EmulatorClock;
import java.lang.reflect.Field;
import java.security.Provider;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider setting end to end: ACCP (a test dependency for linux-x86_64, where CI runs) is used when asked
 * for or available, never when JDK is asked for, and NATIVE fails at build time with the reason when it cannot be
 * used.
 */
class SignatureProviderTest {
    private static final String ISSUER = "https://vault.invalid:8200/v1/identity/oidc";
    private static final String ACCP = "AmazonCorrettoCryptoProvider";
    private static final EmulatorClock CLOCK = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private static final List<TestKey> KEYS = List.of(
            TestKey.rsa("RS256"),
            TestKey.rsa("RS384"),
            TestKey.rsa("RS512"),
            TestKey.ec("ES256"),
            TestKey.ec("ES384"),
            TestKey.ec("ES512"),
            TestKey.ed25519());

    private static TokenVerifier verifier(SignatureProvider provider) {
        return TokenVerifier.builder()
                .issuer(ISSUER)
                .audiences(Tokens.CLIENT_ID)
                .clock(CLOCK)
                .executor(Runnable::run)
                .scheduler(null)
                .signatureProvider(provider)
                .staticJwks(new JWKSet(KEYS.stream().map(TestKey::publicJwk).toList()).toString())
                .build();
    }

    @Test
    void nativeChecksEveryVaultAlgorithmWithAccp() throws Exception {
        try (TokenVerifier v = verifier(SignatureProvider.NATIVE)) {
            SignatureProvider.Status status = v.signatureStatus();
            assertThat(status.requested()).isEqualTo(SignatureProvider.NATIVE);
            assertThat(status.active()).isEqualTo(SignatureProvider.NATIVE);
            assertThat(status.nativeAlgorithms())
                    .containsExactly("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA");
            assertThat(status.nativeProvider()).startsWith(ACCP + " 2.5");
            assertThat(status.fallback()).isNull();
            for (TestKey key : KEYS) {
                assertThat(v.verify(Tokens.mint(key, Tokens.vaultClaims(ISSUER, CLOCK.instant())))
                                .algorithm())
                        .isEqualTo(key.alg());
                // The check really runs on ACCP, not only the status says so.
                SignatureCheck check = checkOf(v, key);
                assertThat(check.provider().getName()).isEqualTo(ACCP);
            }
        }
    }

    @Test
    void autoPicksAccpWhereItLoads() {
        try (TokenVerifier v = verifier(SignatureProvider.AUTO)) {
            assertThat(v.signatureStatus().active()).isEqualTo(SignatureProvider.NATIVE);
            assertThat(v.signatureStatus().nativeAlgorithms()).hasSize(7);
            assertThat(checkOf(v, KEYS.get(3)).provider().getName()).isEqualTo(ACCP);
        }
    }

    @Test
    void jdkNeverUsesAccp() throws Exception {
        try (TokenVerifier v = verifier(SignatureProvider.JDK)) {
            assertThat(v.signatureStatus())
                    .isEqualTo(new SignatureProvider.Status(
                            SignatureProvider.JDK, SignatureProvider.JDK, java.util.Set.of(), null, null, null));
            for (TestKey key : KEYS) {
                v.verify(Tokens.mint(key, Tokens.vaultClaims(ISSUER, CLOCK.instant())));
                assertThat(checkOf(v, key).provider()).isNull();
            }
        }
    }

    @Test
    void accpIsNeverRegisteredGlobally() {
        try (TokenVerifier v = verifier(SignatureProvider.NATIVE)) {
            assertThat(Arrays.stream(java.security.Security.getProviders()).map(Provider::getName))
                    .doesNotContain(ACCP);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA"})
    void accpPassesTheSelfTest(String alg) {
        assertThat(SignatureSelfTest.run(NativeSignatures.accp().provider(), JWSAlgorithm.parse(alg)))
                .isNull();
    }

    @Test
    void nativeWithoutAccpOnTheClassPathFailsTheBuildSayingSo() {
        NativeSignatures.Loaded absent =
                NativeSignatures.load("com.example.NoSuchProvider", getClass().getClassLoader());
        assertThat(absent.failure()).isEqualTo(Unavailability.NOT_ON_CLASS_PATH);

        assertThatThrownBy(() -> NativeSignatures.select(
                        SignatureProvider.NATIVE, List.of(JWSAlgorithm.RS256), () -> absent, (p, a) -> null))
                .isInstanceOfSatisfying(SignatureProvider.UnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Unavailability.NOT_ON_CLASS_PATH);
                    assertThat(e.getMessage()).contains("not on the class path", "AmazonCorrettoCryptoProvider");
                });
        NativeSignatures.Selection auto = NativeSignatures.select(
                SignatureProvider.AUTO, List.of(JWSAlgorithm.RS256), () -> absent, (p, a) -> null);
        assertThat(auto.status().active()).isEqualTo(SignatureProvider.JDK);
        assertThat(auto.status().fallback()).isEqualTo(Unavailability.NOT_ON_CLASS_PATH);
        assertThat(auto.providerFor(JWSAlgorithm.RS256)).isNull();
    }

    @Test
    void fetchedKeysAreCheckedNativelyToo() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            VaultOidcStub vault = new VaultOidcStub(server);
            vault.publish(KEYS.toArray(TestKey[]::new));
            try (TokenVerifier v = TokenVerifier.builder()
                    .issuer(vault.issuer())
                    .audiences(Tokens.CLIENT_ID)
                    .clock(CLOCK)
                    .executor(Runnable::run)
                    .scheduler(null)
                    .signatureProvider(SignatureProvider.NATIVE)
                    .build()) {
                for (TestKey key : KEYS) {
                    v.verify(Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), CLOCK.instant())));
                    assertThat(checkOf(v, key).provider().getName()).isEqualTo(ACCP);
                }
            }
        }
    }

    /** The check the verifier holds for {@code key}'s kid: the one verify() used. */
    private static SignatureCheck checkOf(TokenVerifier v, TestKey key) {
        try {
            Field f = TokenVerifier.class.getDeclaredField("issuers");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, JwksCache> issuers = (Map<String, JwksCache>) f.get(v);
            return issuers.values().iterator().next().keys().keys.get(key.kid()).check();
        } catch (ReflectiveOperationException | TokenVerificationException e) {
            throw new AssertionError(e);
        }
    }
}
