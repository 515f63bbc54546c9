package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.vaultoidc.emulator.EmulatorClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 12: Vault publishes current, next and previous keys of every named key in one document, so the
 * default size cap must hold at least 1,000 RSA-4096 keys; the cap still bounds memory and is settable.
 */
class LargeJwksTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));

    /** 1,000 Vault-shaped RSA-4096 JWKs (one modulus, distinct kids: the size is what matters here). */
    static List<JWK> rsa4096Keys(int count) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(4096);
        KeyPair kp = g.generateKeyPair();
        List<JWK> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new RSAKey.Builder((RSAPublicKey) kp.getPublic())
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build());
        }
        return out;
    }

    @Test
    void theDefaultCapHoldsAThousandRsa4096KeysAndTheCapIsSettable() throws Exception {
        VaultOidcStub vault = new VaultOidcStub(server);
        TestKey signer = TestKey.rsa("RS256");
        List<JWK> keys = new ArrayList<>(rsa4096Keys(1000));
        keys.add(signer.publicJwk());
        vault.published = keys;
        String token = Tokens.mint(signer, Tokens.vaultClaims(vault.issuer(), clock.instant()));
        try (TokenVerifier v = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .scheduler(null)
                .build()) {
            assertThat(v.verify(token).keyId()).isEqualTo(signer.kid());
            assertThat(v.health().get(0).keyCount()).isEqualTo(1001);
        }
        // A lower cap still bounds what is read: the same document is then refused as too large.
        try (TokenVerifier v = TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .scheduler(null)
                .maxResponseBytes(64 * 1024)
                .build()) {
            assertThat(JwksPerKeyParsingTest.reasonOf(v, token)).isEqualTo(VerificationFailure.KEYS_UNAVAILABLE);
            assertThat(v.health().get(0).lastError()).contains("exceeds");
        }
    }
}
