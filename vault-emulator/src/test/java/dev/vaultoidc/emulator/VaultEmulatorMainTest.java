package dev.vaultoidc.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The standalone entry point parses its options, starts, prints its address and serves. */
class VaultEmulatorMainTest {

  @Test
  void startsOnTheGivenPortAndAnswers() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (VaultEmulator vault = VaultEmulatorMain.start(
        new String[] {"--port", "0", "--root-token", "t0ps3cret", "--auth", "approle"},
        new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
      String out = buffer.toString(StandardCharsets.UTF_8);

      assertThat(out).contains("Vault emulator listening on " + vault.address());
      assertThat(out).contains("Enabled auth method approle (accessor auth_approle_");
      assertThat(out).doesNotContain("t0ps3cret");
      assertThat(vault.rootToken()).isEqualTo("t0ps3cret");
      assertThat(new VaultHttp(vault).list("auth/approle/role").status()).isEqualTo(404);
      assertThat(new VaultHttp(vault).get("sys/health").json().get("initialized").asBoolean()).isTrue();
    }
  }

  @Test
  void aclEnforcementIsOnUnlessNoAcl() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    try (VaultEmulator on = VaultEmulatorMain.start(new String[] {"--port", "0"}, out)) {
      assertThat(on.aclEnforcement()).isTrue();
      assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("ACL policies: enforced");
    }
    try (VaultEmulator off = VaultEmulatorMain.start(new String[] {"--no-acl", "--port", "0"}, out)) {
      assertThat(off.aclEnforcement()).isFalse();
      String token = off.createToken(null);
      assertThat(new VaultHttp(off).as(token).post("identity/entity", VaultHttp.body("name", "a")).status())
          .isEqualTo(200);
    }
  }

  @Test
  void rejectsBadOptions() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> VaultEmulatorMain.start(new String[] {"--port"}, out))
        .hasMessage("missing value for --port");
    assertThatThrownBy(() -> VaultEmulatorMain.start(new String[] {"--port", "x"}, out))
        .hasMessage("--port must be a number: x");
    assertThatThrownBy(() -> VaultEmulatorMain.start(new String[] {"--frob", "1"}, out))
        .hasMessage("unknown option --frob");
  }
}
