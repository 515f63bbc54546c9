package dev.vaultoidc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentExampleTest {

    @Test
    void protectsTheUnmodifiedServiceWithTheAgentAlone() throws Exception {
        Path agent = AgentExample.agentJar();
        // The javaagent module comes earlier in the reactor; run alone, this module may not have it built.
        assumeTrue(Files.exists(agent), "build javaagent first: " + agent);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = AgentExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), agent, classPath);
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).as(out).isZero();
        assertThat(out)
                .containsSubsequence(
                        "vault-oidc agent",
                        "GET /hello without a token -> HTTP 401, WWW-Authenticate: Bearer realm=\"vault-oidc\"",
                        "GET /hello with the ID token -> HTTP 200, body: hello ",
                        "GET /health without a token -> HTTP 200, body: hello anonymous",
                        "Done: the unmodified service is protected by the agent.");
        assertThat(out).doesNotContainPattern("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }
}
