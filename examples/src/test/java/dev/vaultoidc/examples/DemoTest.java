package dev.vaultoidc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import dev.vaultoidc.openbao.OpenBaoBinary;
import dev.vaultoidc.openbao.OpenBaoDevServer;
import dev.vaultoidc.openbao.OpenBaoExtension;
import dev.vaultoidc.openbao.OpenBaoUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo, run in-process as {@code java -jar} runs it: once on the embedded emulator (README command 1),
 * once through the VAULT_ADDR/VAULT_TOKEN path against an emulator started outside the demo, and once with
 * {@code --openbao} against a real OpenBao dev server it starts itself (skipped without {@code bao}, failed then
 * when {@code VAULT_OIDC_TEST_OPENBAO=required}).
 */
class DemoTest {
    private static final String ADMIN_TOKEN = "demo-admin-token-not-for-printing";

    @RegisterExtension
    static final VaultEmulatorExtension EXTERNAL =
            new VaultEmulatorExtension(VaultEmulator.builder().rootToken(ADMIN_TOKEN));

    @Test
    void embeddedDemoShowsEveryStepAndExitsZero() {
        Result r = run(Env.embedded());

        assertThat(r.status).as(r.out).isZero();
        assertThat(r.out)
                .containsSubsequence(
                        "vault-oidc demo against an embedded Vault emulator at http://127.0.0.1:",
                        "[1] Provision Vault through the admin API",
                        "enabled AppRole at demo-approle-",
                        "entity demo-orders-app-",
                        "group demo-orders-readers-",
                        "named key demo-key-",
                        "role demo-orders-",
                        "\"groups\": {{identity.entity.groups.names}}",
                        "[2] Start the protected Spring Boot service",
                        // The examples depend on ACCP for Linux (where CI runs): the demo shows the native path.
                        "signatures checked natively by AmazonCorrettoCryptoProvider 2.5",
                        "listening at http://127.0.0.1:",
                        "[3] A workload logs in with AppRole",
                        "\"groups\" : [ \"demo-orders-readers-",
                        "GET /me -> HTTP 200",
                        "GET /orders -> HTTP 200, body: {\"orders\":",
                        "[4] Rejected requests",
                        "without a token -> HTTP 401, WWW-Authenticate: Bearer",
                        "forged token",
                        "HTTP 401, WWW-Authenticate: Bearer error=\"invalid_token\"",
                        "BAD_SIGNATURE",
                        "another audience",
                        "HTTP 401, WWW-Authenticate: Bearer error=\"invalid_token\"",
                        "WRONG_AUDIENCE",
                        "outside demo-orders-readers-",
                        "HTTP 403, WWW-Authenticate: Bearer error=\"insufficient_scope\"",
                        "[5] Rotate the signing key",
                        "/rotate; published key ids now: ",
                        "signed before the rotation",
                        "-> HTTP 200",
                        "a fresh token is signed by the new key",
                        "GET /orders with the fresh token -> HTTP 200",
                        "[6] Clean up",
                        "removed role demo-billing-",
                        "removed named key demo-key-",
                        "removed auth mount demo-approle-",
                        "Demo finished: all 9 checks behaved as expected.");
        assertThat(r.out).doesNotContain("expected HTTP", "UNCHANGED", "could not remove");
        assertNoSecretsIn(r.out);
    }

    @Test
    void envVarPathUsesTheGivenVaultAndLeavesItAsItWas() {
        VaultEmulator vault = EXTERNAL.emulator();
        Snapshot before = Snapshot.of(vault);
        vault.clearRequests();

        Result r = run(new Env(vault.address(), vault.rootToken()));

        assertThat(r.status).as(r.out).isZero();
        assertThat(r.out)
                .startsWith("vault-oidc demo against the Vault at " + vault.address() + " (VAULT_ADDR, VAULT_TOKEN)")
                .doesNotContain("embedded")
                .contains("Demo finished: all 9 checks behaved as expected.");
        // The work reached the Vault it was given: provisioning, the workload's login and the real rotation.
        assertThat(vault.requestCount("sys/auth/demo-approle-*")).isPositive();
        assertThat(vault.requestCount("auth/demo-approle-*/login")).isEqualTo(2);
        assertThat(vault.requestCount("identity/oidc/key/demo-key-*/rotate")).isEqualTo(1);
        // ...and everything it created is gone again.
        assertThat(Snapshot.of(vault)).isEqualTo(before);
        assertNoSecretsIn(r.out);
    }

    @Test
    void aVaultFailurePartWayExitsNonZeroAndStillRemovesWhatWasCreated() {
        VaultEmulator vault = EXTERNAL.emulator();
        Snapshot before = Snapshot.of(vault);
        // 400: never retried, so the one fault is the answer the demo sees.
        vault.faults().status("identity/oidc/role/", 400, 1, "role refused by the test");
        try {
            Result r = run(new Env(vault.address(), vault.rootToken()));

            assertThat(r.status).as(r.out).isEqualTo(1);
            assertThat(r.out)
                    .containsSubsequence(
                            "named key demo-key-",
                            "Clean up",
                            "removed named key demo-key-",
                            "removed group demo-orders-readers-",
                            "removed auth mount demo-approle-",
                            "FAILED: ",
                            "role refused by the test");
            assertThat(r.out).doesNotContain("Start the protected Spring Boot service");
            assertThat(Snapshot.of(vault)).isEqualTo(before);
        } finally {
            vault.faults().clear();
        }
    }

    @Test
    void openBaoDemoShowsEveryStepOnARealServerAndStopsIt() throws Exception {
        OpenBaoBinary bao = openBaoOrSkip();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Demo.main(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--openbao");
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).as(out).isZero();
        assertThat(out)
                .startsWith("vault-oidc demo against an OpenBao dev server at http://127.0.0.1:")
                .contains(bao.version(), "started by the demo and stopped at the end")
                .containsSubsequence(
                        "ACL policy demo-oidc-",
                        "read on identity/oidc/token/demo-orders-",
                        "GET /orders -> HTTP 200",
                        "BAD_SIGNATURE",
                        "WRONG_AUDIENCE",
                        "HTTP 403",
                        "a fresh token is signed by the new key",
                        "removed ACL policy demo-oidc-",
                        "Demo finished: all 9 checks behaved as expected.")
                .doesNotContain("expected HTTP", "UNCHANGED", "could not remove", "skipped, this Vault");
        assertNoSecretsIn(out);
        Matcher port = Pattern.compile("OpenBao dev server at http://127\\.0\\.0\\.1:(\\d+)")
                .matcher(out);
        assertThat(port.find()).isTrue();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), 2000);
            throw new AssertionError("the demo's OpenBao still listens on port " + port.group(1));
        } catch (IOException stopped) {
            // Connection refused: the demo stopped its server.
        }
    }

    @Test
    void openBaoThatCannotStartIsExplainedWithItsOwnExitStatus() {
        OpenBaoBinary bao = openBaoOrSkip();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A start timeout far below bao's start-up time: the demo must explain and give up, not hang.
        int status = Demo.runOnOpenBao(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                OpenBaoDevServer.builder().binary(bao).startTimeout(java.time.Duration.ofNanos(1)));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).as(out).isEqualTo(Demo.OPENBAO_UNAVAILABLE);
        assertThat(out)
                .contains("--openbao: no OpenBao dev server could be started", OpenBaoBinary.INSTALL_HINT)
                .doesNotContain("Provision Vault");
    }

    @Test
    void unknownArgumentPrintsUsage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Demo.main(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--openbaoo"))
                .isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Usage:", "--openbao");
    }

    /** The bao binary; the test is skipped without one, and fails instead when OpenBao is required. */
    static OpenBaoBinary openBaoOrSkip() {
        try {
            return OpenBaoBinary.locate();
        } catch (OpenBaoUnavailableException e) {
            String policy =
                    System.getProperty(OpenBaoExtension.REQUIRED_KEY, System.getenv(OpenBaoExtension.REQUIRED_ENV));
            if (policy != null && policy.trim().equalsIgnoreCase("required")) {
                throw e;
            }
            Assumptions.abort("OpenBao tests SKIPPED: " + e.getMessage() + ". Install it with `"
                    + OpenBaoBinary.INSTALL_HINT + "`.");
            throw e;
        }
    }

    @Test
    void onlyOneOfTheTwoVariablesIsAMistakeNotAFallBackToTheEmulator() {
        Result r = run(new Env("http://127.0.0.1:8200", null));

        assertThat(r.status).isEqualTo(2);
        assertThat(r.out).contains("Set both VAULT_ADDR and VAULT_TOKEN").doesNotContain("emulator at");
    }

    private static void assertNoSecretsIn(String out) {
        assertThat(out)
                .doesNotContain(ADMIN_TOKEN)
                .doesNotContainPattern("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+") // a compact JWT
                .doesNotContainPattern("hvs\\.|s\\.[A-Za-z0-9]{24}"); // a Vault token
    }

    private static Result run(Env env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), env);
        return new Result(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String out) {}

    /** What the demo could leave behind in a Vault. */
    private record Snapshot(
            List<String> authMounts,
            List<String> entities,
            List<String> groups,
            List<String> keys,
            List<String> roles) {
        static Snapshot of(VaultEmulator vault) {
            VaultClient admin = VaultClient.builder()
                    .address(vault.address())
                    .auth(VaultAuth.token(vault.rootToken()))
                    .build();
            OidcAdmin oidc = admin.identity().oidc();
            List<String> mounts = admin.logical().read("sys/auth").orElseThrow().data().properties().stream()
                    .map(e -> e.getKey())
                    .sorted()
                    .toList();
            return new Snapshot(
                    mounts,
                    admin.identity().entities().listNames(),
                    admin.identity().groups().listNames(),
                    oidc.listKeys(),
                    oidc.listRoles());
        }
    }
}
