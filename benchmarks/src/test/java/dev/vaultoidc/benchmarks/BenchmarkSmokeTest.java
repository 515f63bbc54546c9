package dev.vaultoidc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Keeps the benchmarks honest without timing anything: every library the suite measures really accepts the
 * Vault-shaped tokens (and rejects a tampered one), the JCA limit verifies the same signatures, and the scenarios
 * run end to end and count what they claim to count. Runs the setup code directly rather than JMH, so it stays a
 * few seconds.
 */
class BenchmarkSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void everyMeasuredLibraryAcceptsTheTokensAndRejectsATamperedOne(String alg) throws Exception {
        try (VerifyFixture f = new VerifyFixture(alg, null, 2)) {
            assertThat(f.jca(0)).isTrue();
            assertThat(f.jca(1)).isTrue();
            String tampered = f.tokens[0].substring(0, f.tokens[0].lastIndexOf('.') + 1)
                    + f.tokens[1].substring(f.tokens[1].lastIndexOf('.') + 1);
            for (Library lib : Library.values()) {
                if (!lib.supports(alg)) {
                    continue;
                }
                try (Library.Check check = lib.create(f.server, alg, Clock.systemUTC())) {
                    assertThat(check.verify(f.tokens[0])).as(lib + " " + alg).isNotNull();
                    assertThat(check.verify(f.repeated)).as(lib + " " + alg).isNotNull();
                    assertThatThrownBy(() -> check.verify(tampered))
                            .as(lib + " " + alg + " tampered")
                            .isInstanceOf(Exception.class);
                }
            }
        }
    }

    @Test
    void everyBenchmarkMethodMapsToALibraryThatSupportsItsAlgorithms() {
        for (Class<?> c : List.of(VerifyBenchmark.class, VerifyEdDsaBenchmark.class)) {
            List<String> algs = c == VerifyEdDsaBenchmark.class ? List.of("EdDSA") : List.of("RS256", "ES256");
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    Library lib = VerifyBenchmark.libraryFor(c.getName() + "." + m.getName());
                    algs.forEach(alg -> assertThat(lib == null || lib.supports(alg))
                            .as(m + " " + alg)
                            .isTrue());
                }
            }
        }
        assertThat(Arrays.stream(VerifyBenchmark.class.getMethods())
                        .filter(m -> m.isAnnotationPresent(Benchmark.class)))
                .hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "repeated", "distinct"})
    void filterBenchmarkServesAuthenticatedRequestsAndRefusesAMissingToken(String variant) throws Exception {
        FilterBenchmark b = new FilterBenchmark();
        b.filter = variant;
        b.setUp();
        try {
            assertThat(b.request(b.bearerForTest(0))).isEqualTo(200);
            if (!variant.equals("none")) {
                assertThatThrownBy(() -> b.request("Bearer not-a-token")).hasMessageContaining("HTTP 401");
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void rotationStormCountsTheFetchesOfEachLibrary() throws Exception {
        RotationStorm.Result ours = RotationStorm.run(Library.VAULT_OIDC, 8, Duration.ZERO);
        assertThat(ours.fetches()).isEqualTo(1);
        assertThat(ours.accepted() + ours.rejected()).isEqualTo(8);
        assertThat(ours.accepted()).isPositive();

        RotationStorm.Result nimbus = RotationStorm.run(Library.NIMBUS, 8, Duration.ZERO);
        assertThat(nimbus.fetches()).isEqualTo(1);
        assertThat(nimbus.accepted()).isEqualTo(8);
    }

    @Test
    void supplierScenarioCountsOneVaultCallForManyGets() throws Exception {
        SupplierScenario.Result r = SupplierScenario.run(8, 8_000);
        assertThat(r.gets()).isEqualTo(8_000);
        assertThat(r.vaultCalls()).isEqualTo(1);
        assertThat(r.distinctTokens()).isEqualTo(1);
    }

    @Test
    void forgedKidFloodCostsVaultOidcAtMostOneFetchAndNoValidToken() throws Exception {
        ForgedKidFlood.Result r =
                ForgedKidFlood.run(Library.VAULT_OIDC_NO_CACHE, 1, Duration.ofMillis(200), Duration.ZERO);
        assertThat(r.forgedRequests()).isPositive();
        assertThat(r.fetches()).isLessThanOrEqualTo(1);
        assertThat(r.validOk()).isPositive();
        assertThat(r.validFailed()).isZero();
    }
}
