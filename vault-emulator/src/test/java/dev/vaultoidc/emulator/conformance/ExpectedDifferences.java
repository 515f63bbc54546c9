package dev.vaultoidc.emulator.conformance;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * THE one table of differences between OpenBao and the emulator that are known and accepted for
 * now. Every difference the harness finds must match a row here, or the test fails. A row names
 * the steps ({@code <METHOD> <path template> #<n>}, glob) and the location in the answer (glob),
 * says which kind of difference it is, and why it is accepted.
 *
 * <p>Kinds: {@link Kind#DEV_SERVER} cannot be equal by design (a dev server's own identity);
 * {@link Kind#FLAVOUR} is OpenBao's behaviour that the emulator's {@code OPENBAO} flavour is to
 * adopt while the default {@code VAULT} flavour keeps Vault's (cite the OpenBao source);
 * {@link Kind#EMULATOR_BUG} is the emulator being wrong, listed only until it is fixed — delete
 * the row with the fix.
 */
final class ExpectedDifferences {

  enum Kind { DEV_SERVER, FLAVOUR, EMULATOR_BUG }

  /** One accepted difference. */
  record Row(String steps, String location, Kind kind, String reason) {
    private Pattern stepPattern() {
      return glob(steps);
    }

    private Pattern locationPattern() {
      return glob(location);
    }

    boolean matches(Difference d) {
      return stepPattern().matcher(d.step()).matches() && locationPattern().matcher(d.location()).matches();
    }
  }

  static final List<Row> ROWS = List.of(
      // --- the dev server's own identity: never equal, not behaviour ---
      new Row("GET sys/health #*", "body.{cluster_name,cluster_id,version,enterprise,echo_duration_ms,"
          + "clock_skew_ms,replication_primary_canary_age_ms,performance_standby}", Kind.DEV_SERVER,
          "the server's name, id and version; Vault-only health fields")
  );

  private ExpectedDifferences() {}

  static Optional<Row> explain(Difference d) {
    return ROWS.stream().filter(r -> r.matches(d)).findFirst();
  }

  /** {@code *} any text, {@code {a,b}} alternatives; everything else literal. */
  static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    boolean inAlt = false;
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '{' -> {
          re.append("(?:");
          inAlt = true;
        }
        case '}' -> {
          re.append(")");
          inAlt = false;
        }
        case ',' -> re.append(inAlt ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
