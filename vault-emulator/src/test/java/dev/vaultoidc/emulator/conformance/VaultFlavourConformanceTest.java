package dev.vaultoidc.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.Flavour;
import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The same script as {@link ConformanceTest}, with the emulator in its default {@code VAULT}
 * flavour and a fresh OpenBao of its own: proves that where the VAULT flavour answers differently
 * from OpenBao, a row of {@link ExpectedDifferences} says why (a {@code DELIBERATE} difference with
 * OpenBao's source, the dev server's identity, or an open emulator difference shared by both
 * flavours). Writes {@code target/conformance-vault/} only; {@code docs/conformance.md} is the
 * OPENBAO flavour's report.
 */
@OpenBaoServer
class VaultFlavourConformanceTest {

    OpenBao bao;

    @Test
    void vaultFlavourDiffersFromOpenBaoOnlyWhereATableRowSaysWhy() throws Exception {
        List<StepResult> results = ConformanceTest.run(bao, Flavour.VAULT, ConformanceScript.build());
        ConformanceReport report = new ConformanceReport(bao.version().replaceAll(" \\(.*", ""), results);
        report.write(Path.of("target", "conformance-vault"));

        assertThat(report.unexplained())
                .as(
                        "VAULT flavour differences not explained by ExpectedDifferences (see target/conformance-vault/):%n%s",
                        report.unexplained().stream()
                                .map(e -> e.difference().key() + "  openbao="
                                        + e.difference().openbao() + "  emulator="
                                        + e.difference().emulator())
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }
}
