package dev.vaultoidc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.agent.plugin.FailurePolicy;
import dev.vaultoidc.emulator.VaultEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent as a process: bad configurations, fail-closed, and the jar's commands. */
class AgentProcessTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "agent.inbound.enabled=true,address=http://127.0.0.1:1 | vault.oidc.audiences: inbound protection is enabled",
                "audiences=a,address=http://127.0.0.1:1,clock-skew=soon | vault.oidc.clock-skew: not a duration",
                "audiences=a,address=http://127.0.0.1:1,agent.inbound.excluded=/x | vault.oidc.agent.inbound.excluded: unknown",
                // Rejected by the library's builder, not the agent's own checks: still before the application runs.
                "audiences=a,address=vault.internal:8200 | vault.oidc.address: "
            })
    void anInvalidConfigurationStopsStartupNamingTheProperty(String options, String message) throws Exception {
        try (ChildJvm app = ChildJvm.start(options, n -> false, List.of(), "dev.vaultoidc.agent.sample.Hello")) {
            assertThat(app.waitFor(Duration.ofSeconds(60))).isEqualTo(78);
            assertThat(app.output())
                    .contains("[vault-oidc-agent] Invalid configuration: " + message)
                    .doesNotContain("HELLO");
        }
    }

    @Test
    void failsClosedWhenTheOnlyInboundPluginCannotApply(@TempDir Path dir) throws Exception {
        // A "container" whose HttpServlet lacks service(ServletRequest, ServletResponse): an unknown version.
        Path src = Files.createDirectories(dir.resolve("src/jakarta/servlet/http"));
        Files.writeString(
                src.resolve("HttpServlet.java"),
                "package jakarta.servlet.http;\n"
                        + "public abstract class HttpServlet { public void service(String request, String response) {} }\n");
        Files.writeString(
                dir.resolve("src/OddContainer.java"),
                "public class OddContainer {\n"
                        + "  public static void main(String[] a) throws Exception {\n"
                        + "    Class.forName(\"jakarta.servlet.http.HttpServlet\");\n"
                        + "    System.out.println(\"SERVING\"); Thread.sleep(3000); System.out.println(\"SERVED\"); } }\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        src.resolve("HttpServlet.java").toString(),
                        dir.resolve("src/OddContainer.java").toString());
        assertThat(rc).isZero();

        try (ChildJvm app = ChildJvm.start(
                "audiences=a,address=http://127.0.0.1:1," + "agent.plugins.tomcat.enabled=false",
                n -> false,
                List.of("-cp", classes.toString()),
                "OddContainer")) {
            assertThat(app.waitFor(Duration.ofSeconds(60))).isEqualTo(FailurePolicy.EXIT_STATUS);
            assertThat(app.output())
                    .contains("plugin servlet could not instrument", "fails closed")
                    .doesNotContain("SERVED");
        }
    }

    @Test
    void pluginsCommandListsEveryPluginWithItsTargets() throws Exception {
        String out = runJar("plugins");
        assertThat(out)
                .contains(
                        "servlet",
                        "tomcat",
                        "jetty-ee10",
                        "jetty-ee11",
                        "jdk-http-client",
                        "http-url-connection",
                        "okhttp",
                        "jakarta.servlet.http.HttpServlet.service",
                        "okhttp3.internal.http.RealInterceptorChain.proceed(Request)");
    }

    @Test
    void checkCommandReachesVaultAndGivesAVerdict() throws Exception {
        try (VaultEmulator emulator = VaultEmulator.builder().build().start()) {
            VaultFixture fixture = new VaultFixture(emulator);
            String ok = runJar(
                    "check",
                    "address=" + emulator.address(),
                    "audiences=" + fixture.apiClientId,
                    "auth.approle.role-id=" + fixture.roleId,
                    "auth.approle.secret-id=" + fixture.secretId,
                    "agent.outbound.role=api",
                    "agent.outbound.hosts=api.internal");
            assertThat(ok)
                    .contains(
                            "OK      keys of issuer",
                            "OK      ID token for the outbound role",
                            "passes this agent's own inbound verification",
                            "VERDICT ready",
                            "vault.oidc.auth.approle.secret-id = (set)")
                    .doesNotContain(fixture.secretId);
        }
        String down = runJar("check", "address=http://127.0.0.1:1", "audiences=a", "jwks.fetch-wait=1s");
        assertThat(down)
                .contains(
                        "PROBLEM keys of issuer http://127.0.0.1:1/v1/identity/oidc unavailable", "VERDICT not ready");
        String invalid = runJar("check", "audiences=a", "clock-skew=x", "address=http://127.0.0.1:1");
        assertThat(invalid).contains("INVALID vault.oidc.clock-skew", "fix vault.oidc.clock-skew");
    }

    private static String runJar(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.java(), "-jar", ChildJvm.AGENT_JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("VAULT_OIDC_") || k.equals("JAVA_TOOL_OPTIONS"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
