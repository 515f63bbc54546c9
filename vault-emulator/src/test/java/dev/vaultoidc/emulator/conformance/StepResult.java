package dev.vaultoidc.emulator.conformance;

import java.util.List;

/** One step's outcome on both servers, OpenBao's first error text (or empty), and what differed. */
record StepResult(
        Step step,
        String note,
        int openbaoStatus,
        int emulatorStatus,
        String openbaoError,
        List<Explained> differences) {

    /** A difference with the expected-differences row that explains it, if any. */
    record Explained(Difference difference, ExpectedDifferences.Row row) {
        boolean unexplained() {
            return row == null;
        }
    }

    boolean identical() {
        return differences.isEmpty();
    }

    boolean unexplained() {
        return differences.stream().anyMatch(Explained::unexplained);
    }
}
