package dev.vaultoidc.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.Flavour;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The differential conformance harness (issue 12 §2): the scripted requests of
 * {@link ConformanceScript} go to a real OpenBao dev server and to the emulator, answers are
 * normalised ({@link Normaliser}) and compared field by field ({@link Differ}), and every
 * difference must be explained by {@link ExpectedDifferences}. Writes {@code docs/conformance.md}
 * and {@code docs/conformance.json} (and a copy under {@code target/conformance/}).
 *
 * <p>Skipped when {@code bao} is not installed, failed then if {@code VAULT_OIDC_TEST_OPENBAO=required}.
 */
@OpenBaoServer
class ConformanceTest {

    OpenBao bao;

    @Test
    void emulatorAnswersEveryScriptedRequestLikeOpenBao() throws Exception {
        ScriptBuilder script = ConformanceScript.build();
        // OpenBao's flavour: what differs is then an emulator bug or the dev server's own identity.
        List<StepResult> results = run(bao, Flavour.OPENBAO, script);
        ConformanceReport report = new ConformanceReport(bao.version().replaceAll(" \\(.*", ""), results);
        report.write(Path.of("target", "conformance"));
        Path docs = Path.of("..", "docs");
        if (Files.isDirectory(docs)) {
            report.write(docs);
        }

        assertThat(report.requests()).as("compared requests").isGreaterThanOrEqualTo(250);
        assertThat(report.unexplained())
                .as(
                        "differences not explained by ExpectedDifferences (see docs/conformance.md):%n%s",
                        report.unexplained().stream()
                                .map(e -> e.difference().key() + "  openbao="
                                        + e.difference().openbao() + "  emulator="
                                        + e.difference().emulator())
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    /**
     * Sends every step of {@code script} to {@code bao} and to a fresh emulator of {@code flavour}
     * and compares the answers. {@code bao} must be fresh too: the script creates fixed names.
     */
    static List<StepResult> run(OpenBao bao, Flavour flavour, ScriptBuilder script) throws Exception {
        List<StepResult> results = new ArrayList<>();
        try (VaultEmulator emulator =
                VaultEmulator.builder().flavour(flavour).build().start()) {
            Exchange openbao = new Exchange("openbao", bao.address(), bao.rootToken());
            Exchange emu = new Exchange("emulator", emulator.address(), emulator.rootToken());
            for (Step step : script.steps()) {
                if (step.openBaoOnly != null) {
                    Exchange.Response setup = openbao.send(step);
                    assertThat(setup.status())
                            .as("OpenBao setup %s: %s", step, setup.raw())
                            .isLessThan(300);
                    continue;
                }
                Exchange.Response a = openbao.send(step);
                Exchange.Response b = emu.send(step);
                List<StepResult.Explained> diffs = Differ.compare(
                                step,
                                a.status(),
                                b.status(),
                                a.headers(),
                                b.headers(),
                                Normaliser.normalise(a.body(), openbao),
                                Normaliser.normalise(b.body(), emu))
                        .stream()
                        .map(d -> new StepResult.Explained(
                                d, ExpectedDifferences.explain(d).orElse(null)))
                        .toList();
                com.fasterxml.jackson.databind.JsonNode errors =
                        Normaliser.normalise(a.body(), openbao).path("errors");
                String firstError =
                        errors.isArray() && errors.size() > 0 ? errors.get(0).asText() : "";
                results.add(new StepResult(step, script.note(step), a.status(), b.status(), firstError, diffs));
            }
        }
        return results;
    }
}
