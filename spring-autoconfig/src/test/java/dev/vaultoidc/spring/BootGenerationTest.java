package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * These tests run twice: in spring-autoconfig on Boot 3.5 and in spring-autoconfig-boot4-test on Boot 4. Each
 * module's surefire passes the Boot version it means to test, so a dependency slip cannot silently run both on
 * the same Boot; and the health indicator must be the one written for that Boot's API.
 */
class BootGenerationTest {

    @Test
    void runsOnTheBootThisModuleTargets() {
        String expected = System.getProperty("expected.spring-boot.version");

        assertThat(expected).as("set by the module's surefire configuration").isNotBlank();
        assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
    }

    @Test
    void healthIndicatorUsesThisBootsApi() {
        boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(VaultOidcAutoConfiguration.class, VaultOidcHealthAutoConfiguration.class))
                .withPropertyValues(
                        "vault.oidc.warm-up=false",
                        "vault.oidc.address=https://vault.example.com",
                        "vault.oidc.audiences=abc")
                .run(context -> assertThat(context.getBean("vaultOidcHealthIndicator"))
                        .isInstanceOf(boot4 ? VaultOidcBoot4HealthIndicator.class : VaultOidcHealthIndicator.class));
    }
}
