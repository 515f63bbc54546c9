package dev.vaultoidc.emulator.conformance;

/**
 * One way the emulator's answer differed from OpenBao's, after normalisation.
 *
 * @param step the step id
 * @param group the path/operation group of the step
 * @param location {@code status}, {@code header:<name>} or a path into the body, e.g.
 *     {@code body.data.policies[0]} or {@code body.errors[0]}
 * @param kind what differs: status, missing (OpenBao has it, the emulator not), extra, type, value
 * @param openbao OpenBao's normalised value ({@code <none>} when absent)
 * @param emulator the emulator's normalised value ({@code <none>} when absent)
 */
record Difference(String step, String group, String location, String kind, String openbao, String emulator) {

    /** What the expected-differences table matches on. */
    String key() {
        return step + " " + location;
    }
}
