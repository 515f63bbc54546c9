package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.data;
import static dev.vaultoidc.emulator.OidcTestFixtures.get;
import static dev.vaultoidc.emulator.OidcTestFixtures.getAs;
import static dev.vaultoidc.emulator.OidcTestFixtures.jwks;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static dev.vaultoidc.emulator.OidcTestFixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rotation and expiry of key-ring entries as seen through the JWKS, spec §7.3, §7.4, §7.9. */
class OidcRotationTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final EmulatorClock clock = EmulatorClock.fixed(T0);
    final Oidc engine = new Oidc(
            clock, new FakeIdentity().put(new EntitySnapshot("ent-1", "alice", false, null, null, null)), () -> API);

    List<String> publishedKids() throws Exception {
        return jwks(engine).getKeys().stream().map(JWK::getKeyID).toList();
    }

    SignedJWT mint() throws Exception {
        EmulatorResponse resp = engine.handle(getAs("ent-1", "identity/oidc/token/r"));
        assertThat(resp.status()).isEqualTo(200);
        return SignedJWT.parse((String) data(resp).get("token"));
    }

    void keyAndRole(Object... keyFields) {
        engine.handle(post("identity/oidc/key/k", body(keyFields)));
        engine.handle(post("identity/oidc/role/r", body("key", "k", "ttl", "1m")));
    }

    @Test
    void nextKeyIsPublishedBeforeItSignsAndRotatedKeyStaysPublished() throws Exception {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256");
        List<String> before = publishedKids();
        SignedJWT first = mint();
        assertThat(before).hasSize(2).contains(first.getHeader().getKeyID());
        String next = before.stream()
                .filter(k -> !k.equals(first.getHeader().getKeyID()))
                .findFirst()
                .orElseThrow();

        assertThat(engine.handle(post("identity/oidc/key/k/rotate", body())).status())
                .isEqualTo(204);

        SignedJWT second = mint();
        assertThat(second.getHeader().getKeyID()).isEqualTo(next);
        List<String> after = publishedKids();
        assertThat(after).hasSize(3).containsAll(before);
        assertThat(first.verify(
                        verifierFor(jwks(engine).getKeyByKeyId(first.getHeader().getKeyID()))))
                .isTrue();
    }

    @Test
    void rotatedOutKeyLeavesTheJwksOnceItsVerificationTtlHasPassed() throws Exception {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256", "rotation_period", "10h", "verification_ttl", "2h");
        String old = mint().getHeader().getKeyID();
        engine.handle(post("identity/oidc/key/k/rotate", body()));

        clock.advance(Duration.ofHours(2));
        assertThat(publishedKids()).contains(old);
        clock.advance(Duration.ofSeconds(1));
        assertThat(publishedKids()).hasSize(2).doesNotContain(old);
    }

    @Test
    void clockDrivenRotationHappensAfterEachRotationPeriod() throws Exception {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256", "rotation_period", "1h", "verification_ttl", "1h");
        OidcNamedKey key = engine.namedKey("k");
        String a = key.signingKey.kid();
        String b = key.nextSigningKey.kid();

        clock.advance(Duration.ofHours(1));
        assertThat(mint().getHeader().getKeyID()).isEqualTo(a); // not yet: Vault rotates strictly after

        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        assertThat(key.signingKey.kid()).isEqualTo(b);
        String c = key.nextSigningKey.kid();
        assertThat(publishedKids()).containsExactlyInAnyOrder(a, b, c);
        assertThat(mint().getHeader().getKeyID()).isEqualTo(b);

        // a was retired at T0+1h with the key's verification_ttl: gone after T0+2h, when b rotates too
        clock.advance(Duration.ofHours(1));
        assertThat(publishedKids()).containsExactlyInAnyOrder(b, c, key.nextSigningKey.kid());
        assertThat(mint().getHeader().getKeyID()).isEqualTo(c);
    }

    @Test
    void aLongClockJumpCollapsesRotationsButLeavesAValidRing() throws Exception {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256", "rotation_period", "1m", "verification_ttl", "2m");
        String original = engine.namedKey("k").signingKey.kid();

        clock.advance(Duration.ofDays(365));

        List<String> kids = publishedKids();
        assertThat(kids).doesNotContain(original).hasSizeBetween(2, 4);
        SignedJWT jwt = mint();
        assertThat(jwt.verify(
                        verifierFor(jwks(engine).getKeyByKeyId(jwt.getHeader().getKeyID()))))
                .isTrue();
        assertThat(engine.namedKey("k").nextRotation).isAfterOrEqualTo(clock.instant());
    }

    @Test
    void rotateWithVerificationTtlOverridesOnlyTheRetiredKeysExpiry() throws Exception {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256");
        String old = engine.namedKey("k").signingKey.kid();

        engine.handle(post("identity/oidc/key/k/rotate", body("verification_ttl", "10m")));

        assertThat(data(engine.handle(get("identity/oidc/key/k")))).containsEntry("verification_ttl", 86400L);
        assertThat(engine.namedKey("k").keyRing.stream()
                        .filter(e -> e.key.kid().equals(old))
                        .findFirst()
                        .orElseThrow()
                        .expireAt)
                .isEqualTo(T0.plusSeconds(600));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(publishedKids()).hasSize(2).doesNotContain(old);
    }

    @Test
    void manualRotationResetsNextRotation() {
        keyAndRole("allowed_client_ids", "*", "rotation_period", "1h", "verification_ttl", "1h", "algorithm", "ES256");
        clock.advance(Duration.ofMinutes(30));
        engine.handle(post("identity/oidc/key/k/rotate", body()));
        assertThat(engine.namedKey("k").nextRotation).isEqualTo(T0.plus(Duration.ofMinutes(90)));
    }

    @Test
    void shorterRotationPeriodOnUpdateBringsNextRotationForward() {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256");
        clock.advance(Duration.ofMinutes(10));
        engine.handle(post("identity/oidc/key/k", body("rotation_period", "1h", "verification_ttl", "1h")));
        assertThat(engine.namedKey("k").nextRotation).isEqualTo(T0.plus(Duration.ofMinutes(70)));
        engine.handle(post("identity/oidc/key/k", body("rotation_period", "5h")));
        assertThat(engine.namedKey("k").nextRotation).isEqualTo(T0.plus(Duration.ofMinutes(70)));
    }

    @Test
    void concurrentMintingAndRotationNeverYieldsATokenTheJwksCannotVerify() throws Exception {
        keyAndRole("allowed_client_ids", "*", "algorithm", "ES256");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> tokens = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<?>> rotations = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i % 10 == 0) {
                    rotations.add(pool.submit(() -> engine.handle(post("identity/oidc/key/k/rotate", body()))));
                }
                tokens.add(pool.submit(() -> (String) data(engine.handle(getAs("ent-1", "identity/oidc/token/r")))
                        .get("token")));
            }
            // Read the JWKS only once every rotation and mint has finished: a rotation that ran after
            // the read would legitimately publish keys the read could not have seen.
            for (java.util.concurrent.Future<?> r : rotations) {
                r.get();
            }
            for (java.util.concurrent.Future<String> t : tokens) {
                t.get();
            }
            com.nimbusds.jose.jwk.JWKSet set = jwks(engine);
            for (java.util.concurrent.Future<String> f : tokens) {
                SignedJWT jwt = SignedJWT.parse(f.get());
                assertThat(jwt.verify(
                                verifierFor(set.getKeyByKeyId(jwt.getHeader().getKeyID()))))
                        .isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
