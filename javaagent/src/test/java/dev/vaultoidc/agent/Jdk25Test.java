package dev.vaultoidc.agent;

import dev.vaultoidc.emulator.VaultEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent on JDK 25, in the same build as the JDK 17 run: what depends on the JDK (the bridges defined in the
 * boot loader, modules opened to the agent, class files of a newer version to rewrite, the JDK's own HTTP clients)
 * on an embedded container of each kind and with every outbound client. The JDK is
 * {@code VAULT_OIDC_TEST_JDK25_HOME}, else {@code /usr/lib/jvm/temurin-25-jdk-amd64}; without one the class is
 * skipped. (The whole suite runs on another JDK with {@code -Dvault.oidc.test.java-home=<jdk>}.)
 */
@EnabledIf("jdk25Present")
class Jdk25Test {
    static final Path JDK25 =
            Path.of(System.getenv().getOrDefault("VAULT_OIDC_TEST_JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private static VaultEmulator emulator;
    private static VaultFixture fixture;

    static boolean jdk25Present() {
        return Files.isExecutable(JDK25.resolve("bin/java"));
    }

    @BeforeAll
    static void start() throws Exception {
        ChildJvm.useJavaHome(JDK25);
        emulator = VaultEmulator.builder().build().start();
        fixture = new VaultFixture(emulator);
        OutboundAgentTest.start();
    }

    @AfterAll
    static void stop() {
        ChildJvm.useJavaHome(null);
        OutboundAgentTest.stop();
        emulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty-ee10", "tomcat-11"})
    void protectsAnUnmodifiedApplicationOnJdk25(String container) throws Exception {
        InboundAgentTest.assertProtects(container, fixture, "emulator");
    }

    @Test
    void attachesTheIdTokenForListedHostsOnlyOnJdk25() throws Exception {
        new OutboundAgentTest().attachesTheIdTokenForListedHostsOnly("okhttp-5");
    }
}
