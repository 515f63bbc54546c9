package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.OidcTestFixtures.API;
import static dev.vaultoidc.emulator.OidcTestFixtures.ISSUER;
import static dev.vaultoidc.emulator.OidcTestFixtures.body;
import static dev.vaultoidc.emulator.OidcTestFixtures.get;
import static dev.vaultoidc.emulator.OidcTestFixtures.json;
import static dev.vaultoidc.emulator.OidcTestFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.OidcTestFixtures.FakeIdentity;
import dev.vaultoidc.emulator.OidcTestFixtures.Oidc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery document and JWKS, spec §7.8, §7.9. */
class OidcWellKnownTest {

    final Oidc engine =
            new Oidc(EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z")), new FakeIdentity(), () -> API);

    EmulatorResponse jwks() {
        return engine.handle(get("identity/oidc/.well-known/keys"));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys() {
        return (List<Map<String, Object>>) ((Map<String, Object>) jwks().data()).get("keys");
    }

    @Test
    void discoveryDocumentHasVaultsFieldsInOrderAndAFixedCacheControl() {
        EmulatorResponse resp = engine.handle(get("identity/oidc/.well-known/openid-configuration"));
        assertThat(resp.kind()).isEqualTo(EmulatorResponse.Kind.RAW);
        assertThat(resp.headers()).containsExactly(Map.entry("Cache-Control", "max-age=3600"));
        assertThat(json(resp.data()))
                .isEqualTo(
                        "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + ISSUER
                                + "/.well-known/keys\",\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"RS384\",\"RS512\",\"ES256\",\"ES384\",\"ES512\",\"EdDSA\"]}");
    }

    @Test
    void wellKnownPathsAreUnauthenticatedAndNothingElseIs() {
        assertThat(OidcPaths.isUnauthenticated("identity/oidc/.well-known/keys"))
                .isTrue();
        assertThat(OidcPaths.isUnauthenticated("identity/oidc/.well-known/openid-configuration"))
                .isTrue();
        assertThat(OidcPaths.isUnauthenticated("identity/oidc/introspect")).isFalse();
        assertThat(OidcPaths.isUnauthenticated("identity/oidc/token/r")).isFalse();
    }

    @Test
    void freshServerPublishesNoKeysAndNoCacheControl() {
        EmulatorResponse resp = jwks();
        assertThat(json(resp.data())).isEqualTo("{\"keys\":[]}");
        assertThat(resp.headers()).isEmpty();
    }

    @Test
    void keysNoRoleReferencesAreNotPublishedButStillSetCacheControl() {
        engine.handle(post("identity/oidc/key/lonely", body("rotation_period", "2h", "verification_ttl", "90m")));
        EmulatorResponse resp = jwks();
        assertThat(json(resp.data())).isEqualTo("{\"keys\":[]}");
        assertThat(resp.headers()).containsEntry("Cache-Control", "max-age=5400");
    }

    @Test
    void cacheControlIsTheSmallestOfVerificationTtlAndRotationPeriodOverAllKeys() {
        engine.handle(post("identity/oidc/key/a", body("rotation_period", "30m", "verification_ttl", "2h")));
        engine.handle(post("identity/oidc/role/r", body("key", "default")));
        assertThat(jwks().headers()).containsExactly(Map.entry("Cache-Control", "max-age=1800"));
    }

    @Test
    void jwkShapesFollowGoJoseFieldOrder() {
        for (String alg : List.of("RS256", "ES384", "EdDSA")) {
            engine.handle(post("identity/oidc/key/" + alg, body("algorithm", alg)));
            engine.handle(post("identity/oidc/role/" + alg, body("key", alg)));
        }
        assertThat(keys()).hasSize(6);
        assertThat(keys())
                .filteredOn(k -> k.get("alg").equals("RS256"))
                .allSatisfy(k -> assertThat(k.keySet()).containsExactly("use", "kty", "kid", "alg", "n", "e"))
                .allSatisfy(k -> assertThat(k)
                        .containsEntry("use", "sig")
                        .containsEntry("kty", "RSA")
                        .containsEntry("e", "AQAB"));
        assertThat(keys())
                .filteredOn(k -> k.get("alg").equals("ES384"))
                .allSatisfy(k -> assertThat(k.keySet()).containsExactly("use", "kty", "kid", "crv", "alg", "x", "y"))
                .allSatisfy(k -> assertThat(k).containsEntry("kty", "EC").containsEntry("crv", "P-384"));
        assertThat(keys())
                .filteredOn(k -> k.get("alg").equals("EdDSA"))
                .allSatisfy(k -> assertThat(k.keySet()).containsExactly("use", "kty", "kid", "crv", "alg", "x"))
                .allSatisfy(k -> assertThat(k).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519"));
    }

    @Test
    void curvesMatchTheAlgorithm() {
        for (String alg : List.of("ES256", "ES512")) {
            engine.handle(post("identity/oidc/key/" + alg, body("algorithm", alg)));
            engine.handle(post("identity/oidc/role/" + alg, body("key", alg)));
        }
        assertThat(keys())
                .filteredOn(k -> k.get("alg").equals("ES256"))
                .allSatisfy(k -> assertThat(k).containsEntry("crv", "P-256"));
        assertThat(keys()).filteredOn(k -> k.get("alg").equals("ES512")).allSatisfy(k -> {
            assertThat(k).containsEntry("crv", "P-521");
            assertThat(java.util.Base64.getUrlDecoder().decode((String) k.get("x")))
                    .hasSize(66);
        });
    }

    @Test
    void deletingTheLastReferencingRoleUnpublishesTheKey() {
        engine.handle(post("identity/oidc/key/k", body("algorithm", "ES256")));
        engine.handle(post("identity/oidc/role/r", body("key", "k")));
        assertThat(keys()).hasSize(2);
        engine.handle(OidcTestFixtures.delete("identity/oidc/role/r"));
        assertThat(keys()).isEmpty();
    }

    @Test
    void otherWellKnownDocumentsAndChildIssuersAreUnsupported() {
        // A .well-known path is a login path: Vault's core returns its errors bare, any other path's
        // wrapped (both as OpenBao 2.7.2 answers).
        assertThat(engine.handle(get("identity/oidc/.well-known/other")).errors())
                .containsExactly("unsupported path");
        assertThat(engine.handle(get("identity/oidc/plugins/.well-known/keys")).status())
                .isEqualTo(404);
        assertThat(engine.handle(get("identity/oidc/nope")).errors())
                .containsExactly("1 error occurred:\n\t* unsupported path\n\n");
    }
}
