package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.data;
import static dev.vaultoidc.emulator.OidcTestFixtures.delete;
import static dev.vaultoidc.emulator.OidcTestFixtures.get;
import static dev.vaultoidc.emulator.OidcTestFixtures.list;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named-key CRUD and its validations, spec §7.1, §7.3, §7.4. */
class OidcKeyTest {

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    final Oidc engine = new Oidc(clock, new FakeIdentity(), () -> API);

    EmulatorResponse writeKey(String name, Object... kv) {
        return engine.handle(post("identity/oidc/key/" + name, body(kv)));
    }

    @Test
    void defaultKeyExistsFromTheStartAsConfigurationOnly() {
        assertThat(data(engine.handle(list("identity/oidc/key")))).containsEntry("keys", List.of("default"));
        assertThat(data(engine.handle(get("identity/oidc/key/default"))))
                .containsExactly(
                        Map.entry("algorithm", "RS256"), Map.entry("allowed_client_ids", List.of("*")),
                        Map.entry("rotation_period", 86400L), Map.entry("verification_ttl", 86400L));
        assertThat(engine.namedKey("default").hasMaterial()).isFalse();
    }

    @Test
    void createAppliesDefaultsAndGeneratesCurrentAndNextKeys() {
        assertThat(writeKey("k1").status()).isEqualTo(204);
        assertThat(data(engine.handle(get("identity/oidc/key/k1"))))
                .containsExactly(
                        Map.entry("algorithm", "RS256"), Map.entry("allowed_client_ids", List.of()),
                        Map.entry("rotation_period", 86400L), Map.entry("verification_ttl", 86400L));
        OidcNamedKey key = engine.namedKey("k1");
        assertThat(key.signingKey).isNotNull();
        assertThat(key.nextSigningKey).isNotNull();
        assertThat(key.keyRing)
                .extracting(e -> e.key.kid())
                .containsExactly(key.signingKey.kid(), key.nextSigningKey.kid());
        assertThat(key.signingKey.kid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void updateChangesOnlySuppliedFieldsAndKeepsKeyMaterial() {
        writeKey(
                "k1",
                "rotation_period",
                "2h",
                "verification_ttl",
                3600,
                "algorithm",
                "ES256",
                "allowed_client_ids",
                "a, b");
        String kid = engine.namedKey("k1").signingKey.kid();
        assertThat(writeKey("k1", "allowed_client_ids", List.of("c")).status()).isEqualTo(204);
        assertThat(data(engine.handle(get("identity/oidc/key/k1"))))
                .containsExactly(
                        Map.entry("algorithm", "ES256"), Map.entry("allowed_client_ids", List.of("c")),
                        Map.entry("rotation_period", 7200L), Map.entry("verification_ttl", 3600L));
        assertThat(engine.namedKey("k1").signingKey.kid()).isEqualTo(kid);
    }

    @Test
    void algorithmChangeGeneratesNewKeysButKeepsTheOldRingEntriesWithoutExpiry() {
        writeKey("k1");
        OidcNamedKey key = engine.namedKey("k1");
        List<String> before = key.keyRing.stream().map(e -> e.key.kid()).toList();
        writeKey("k1", "algorithm", "EdDSA");
        assertThat(key.signingKey.algorithm()).isEqualTo("EdDSA");
        assertThat(key.keyRing).hasSize(4);
        assertThat(key.keyRing.subList(0, 2)).extracting(e -> e.key.kid()).containsExactlyElementsOf(before);
        assertThat(key.keyRing).allSatisfy(e -> assertThat(e.expireAt).isNull());
    }

    @Test
    void rotationPeriodBelowOneMinuteIsRejected() {
        assertThat(writeKey("k1", "rotation_period", "59s").errors())
                .containsExactly("rotation_period must be at least one minute");
        assertThat(engine.namedKey("k1")).isNull();
    }

    @Test
    void verificationTtlAboveTenRotationPeriodsIsRejected() {
        assertThat(writeKey("k1", "rotation_period", "1m", "verification_ttl", 601)
                        .errors())
                .containsExactly("verification_ttl cannot be longer than 10x rotation_period");
        assertThat(writeKey("k1", "rotation_period", "1m", "verification_ttl", 600)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void updateCannotLowerVerificationTtlBelowAReferencingRolesTtl() {
        writeKey("k1");
        engine.handle(post("identity/oidc/role/r", body("key", "k1", "ttl", "2h")));
        assertThat(writeKey("k1", "verification_ttl", "1h").errors())
                .containsExactly(
                        "unable to update key \"k1\" because it is currently referenced by one or more roles with a "
                                + "token ttl greater than 3600 seconds");
        assertThat(data(engine.handle(get("identity/oidc/key/k1")))).containsEntry("verification_ttl", 86400L);
    }

    @Test
    void validationsRunInVaultsOrder() {
        // rotation_period first, then the 10x rule, then the algorithm
        assertThat(writeKey("k1", "rotation_period", 1, "verification_ttl", "99h", "algorithm", "HS256")
                        .errors())
                .containsExactly("rotation_period must be at least one minute");
        assertThat(writeKey("k1", "rotation_period", 60, "verification_ttl", "99h", "algorithm", "HS256")
                        .errors())
                .containsExactly("verification_ttl cannot be longer than 10x rotation_period");
        assertThat(writeKey("k1", "algorithm", "HS256").errors())
                .containsExactly("unknown signing algorithm \"HS256\"");
    }

    @Test
    void unknownAlgorithmIsRejectedIncludingNull() {
        assertThat(writeKey("k1", "algorithm", "none").errors()).containsExactly("unknown signing algorithm \"none\"");
        Map<String, Object> nullAlg = new java.util.HashMap<>();
        nullAlg.put("algorithm", null);
        assertThat(engine.handle(post("identity/oidc/key/k1", nullAlg)).errors())
                .containsExactly("unknown signing algorithm \"\"");
    }

    @Test
    void malformedDurationIsAFieldValidationError() {
        // The router turns the field check's exception into Vault's 400.
        EmulatorResponse resp = writeKey("k1", "rotation_period", "soon");
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.errors()).singleElement().asString().contains("field \"rotation_period\"");
        assertThat(engine.namedKey("k1")).isNull();
    }

    @Test
    void defaultKeyCannotBeDeleted() {
        EmulatorResponse resp = engine.handle(delete("identity/oidc/key/default"));
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.errors()).containsExactly("deletion of key \"default\" not allowed");
    }

    @Test
    void referencedKeyCannotBeDeletedAndTheMessageListsRolesSorted() {
        writeKey("k1");
        engine.handle(post("identity/oidc/role/zeta", body("key", "k1")));
        engine.handle(post("identity/oidc/role/alpha", body("key", "k1")));
        engine.handle(post("identity/oidc/role/other", body("key", "default")));
        assertThat(engine.handle(delete("identity/oidc/key/k1")).errors())
                .containsExactly(
                        "unable to delete key \"k1\" because it is currently referenced by these roles: alpha, zeta");
    }

    @Test
    void deleteRemovesTheKeyAndIs204EvenWhenMissing() {
        writeKey("k1");
        assertThat(engine.handle(delete("identity/oidc/key/k1")).status()).isEqualTo(204);
        assertThat(engine.handle(get("identity/oidc/key/k1")).status()).isEqualTo(404);
        assertThat(engine.handle(delete("identity/oidc/key/k1")).status()).isEqualTo(204);
    }

    @Test
    void listIsLexicographic() {
        writeKey("b");
        writeKey("A");
        writeKey("a-1");
        assertThat(data(engine.handle(list("identity/oidc/key"))))
                .containsEntry("keys", List.of("A", "a-1", "b", "default"));
    }

    @Test
    void missingKeyReadIs404AndBadNamesDoNotRoute() {
        assertThat(engine.handle(get("identity/oidc/key/nope")).status()).isEqualTo(404);
        assertThat(engine.handle(get("identity/oidc/key/nope")).errors()).isEmpty();
        // Core errors on authenticated paths are multierror-wrapped (OpenBao 2.7.2 answers exactly this).
        assertThat(engine.handle(get("identity/oidc/key/-bad")).errors())
                .containsExactly("1 error occurred:\n\t* unsupported path\n\n");
        assertThat(engine.handle(get("identity/oidc/key")).status()).isEqualTo(405);
    }

    @Test
    void rotateOfAMissingKeyIs400() {
        assertThat(engine.handle(post("identity/oidc/key/nope/rotate", body())).errors())
                .containsExactly("no named key found at \"nope\"");
    }

    @Test
    void unknownParametersOnAReadAreReportedAsWarnings() {
        EmulatorRequest req = new EmulatorRequest(
                "GET", "identity/oidc/key/default", Map.of("zz", "1", "aa", "2"), Map.of(), java.util.Optional.empty());
        assertThat(engine.handle(req).warnings())
                .containsExactly("Endpoint ignored these unrecognized parameters: [aa zz]");
    }
}
