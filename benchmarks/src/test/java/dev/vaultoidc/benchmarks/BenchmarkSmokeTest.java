package dev.vaultoidc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    @ValueSource(strings = {"none", "hit", "miss", "miss-native"})
    void filterPathBenchmarkAuthenticatesItsRequestsAndRefusesABadToken(String variant) throws Exception {
        FilterPathBenchmark b = new FilterPathBenchmark();
        b.variant = variant;
        b.setUp();
        try {
            Object principal = b.request(new TokenCursor());
            if (variant.equals("none")) {
                assertThat(principal).isNull();
            } else {
                assertThat(principal).isNotNull();
                assertThat(b.call(FilterPathBenchmark.request("not-a-token"))).isNull();
                assertThat(b.lastStatus()).isEqualTo(401);
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void pairedRunWritesOneJsonRowPerAlgorithmAndImplementation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("paired.json");
        BenchmarkMain.main(new String[] {"--quick", "--only", "paired", "--json", file.toString()});

        JsonNode rows = new ObjectMapper().readTree(file.toFile());
        assertThat(rows.isArray()).isTrue();
        Set<String> seen = new HashSet<>();
        for (JsonNode row : rows) {
            List<String> fields = new ArrayList<>();
            row.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("alg", "impl", "threads", "ops_per_s", "latency_us", "jdk");
            assertThat(row.get("alg").asText()).isIn("RS256", "ES256", "EdDSA");
            assertThat(row.get("impl").asText()).isIn(PairedRatio.IMPLS);
            assertThat(row.get("threads").asInt()).isEqualTo(1);
            assertThat(row.get("ops_per_s").asDouble()).isPositive();
            assertThat(row.get("latency_us").asDouble()).isPositive();
            assertThat(row.get("jdk").asText()).isEqualTo(Runtime.version().toString());
            assertThat(seen.add(row.get("alg").asText() + "/" + row.get("impl").asText()))
                    .as("one row per alg and impl: " + row)
                    .isTrue();
        }
        List<String> stock = List.of("jca-jdk", "vault-oidc-distinct", "vault-oidc-repeated", "jose4j");
        for (String alg : List.of("RS256", "ES256", "EdDSA")) {
            stock.forEach(impl -> assertThat(seen).contains(alg + "/" + impl));
        }
        for (String impl : List.of("nimbus", "spring", "auth0")) {
            assertThat(seen).contains("RS256/" + impl, "ES256/" + impl).doesNotContain("EdDSA/" + impl);
        }
        // This test runs where the benchmarks do (Linux x86_64): the native rows must be there, not quietly missing.
        assertThat(NativeCrypto.available())
                .as(NativeCrypto.unavailableReason())
                .isTrue();
        for (String alg : List.of("RS256", "ES256", "EdDSA")) {
            assertThat(seen).contains(alg + "/jca-native", alg + "/vault-oidc-distinct-native", alg + "/jose4j-native");
        }
        for (String impl : List.of("nimbus-native", "spring-native", "auth0-native")) {
            assertThat(seen).contains("RS256/" + impl, "ES256/" + impl);
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
