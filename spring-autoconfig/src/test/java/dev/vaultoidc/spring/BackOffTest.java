package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.servlet.VaultOidcFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** Each bean is created only when configured, and backs off when the application defines its own. */
class BackOffTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    VaultOidcMetricsAutoConfiguration.class,
                    VaultOidcAutoConfiguration.class,
                    VaultOidcSecurityAutoConfiguration.class,
                    VaultOidcHealthAutoConfiguration.class))
            .withPropertyValues("vault.oidc.warm-up=false");

    private static final String[] VERIFYING = {
        "vault.oidc.address=https://vault.example.com", "vault.oidc.audiences=abc"
    };

    @Configuration(proxyBeanMethods = false)
    static class OwnVerifier {
        @Bean
        TokenVerifier myVerifier() {
            return TokenVerifier.builder()
                    .issuer("https://other.example.com/v1/identity/oidc")
                    .audiences("x")
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDecoder {
        @Bean
        JwtDecoder myDecoder() {
            return token -> {
                throw new UnsupportedOperationException("the application's own decoder");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void nothingWithoutSettings() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context)
                    .doesNotHaveBean(VaultClient.class)
                    .doesNotHaveBean(TokenVerifier.class)
                    .doesNotHaveBean(JwtDecoder.class)
                    .doesNotHaveBean("vaultOidcHealthIndicator");
        });
    }

    @Test
    void addressAloneGivesAClientButNoVerifier() {
        runner.withPropertyValues("vault.oidc.address=https://vault.example.com")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(VaultClient.class)
                            .hasSingleBean(IdentityOperations.class)
                            .hasSingleBean(OidcAdmin.class)
                            .doesNotHaveBean(IdTokenSupplier.class)
                            .doesNotHaveBean(TokenVerifier.class)
                            .doesNotHaveBean(JwtDecoder.class);
                });
    }

    @Test
    void idTokenRoleGivesASupplier() {
        runner.withPropertyValues("vault.oidc.address=https://vault.example.com", "vault.oidc.id-token.role=web")
                .run(context -> assertThat(context).hasSingleBean(IdTokenSupplier.class));
    }

    @Test
    void fullSettingsGiveEveryBean() {
        runner.withPropertyValues(VERIFYING).run(context -> {
            assertThat(context)
                    .hasSingleBean(VaultClient.class)
                    .hasSingleBean(TokenVerifier.class)
                    .hasSingleBean(JwtAuthenticationConverter.class)
                    .hasBean("vaultOidcHealthIndicator");
            assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(VaultOidcJwtDecoder.class);
        });
    }

    @Test
    void disabledSwitchTurnsEverythingOff() {
        runner.withPropertyValues(VERIFYING)
                .withPropertyValues("vault.oidc.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(VaultClient.class)
                        .doesNotHaveBean(TokenVerifier.class)
                        .doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void applicationVerifierIsUsedByTheDecoder() {
        runner.withPropertyValues(VERIFYING)
                .withUserConfiguration(OwnVerifier.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(TokenVerifier.class).hasBean("myVerifier");
                    assertThat(context.getBean(TokenVerifier.class).issuers())
                            .containsExactly("https://other.example.com/v1/identity/oidc");
                    assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(VaultOidcJwtDecoder.class);
                });
    }

    @Test
    void applicationDecoderWins() {
        runner.withPropertyValues(VERIFYING)
                .withUserConfiguration(OwnDecoder.class)
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(JwtDecoder.class)
                            .hasBean("myDecoder")
                            .hasSingleBean(TokenVerifier.class);
                });
    }

    @Test
    void noDecoderWithoutSpringSecurity() {
        runner.withPropertyValues(VERIFYING)
                .withClassLoader(new FilteredClassLoader(JwtDecoder.class))
                .run(context ->
                        assertThat(context).hasSingleBean(TokenVerifier.class).doesNotHaveBean("vaultOidcJwtDecoder"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilterRegistration {
        @Bean
        FilterRegistrationBean<VaultOidcFilter> myFilter(TokenVerifier verifier) {
            return new FilterRegistrationBean<>(
                    VaultOidcFilter.builder(verifier).realm("mine").build());
        }
    }

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    VaultOidcAutoConfiguration.class, VaultOidcServletFilterAutoConfiguration.class))
            .withPropertyValues("vault.oidc.warm-up=false")
            .withPropertyValues(VERIFYING);

    @Test
    void filterOnlyForServletAppsWithoutSpringSecurity() {
        web.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context).hasBean("vaultOidcFilterRegistration"));
        web.run(context -> assertThat(context).doesNotHaveBean("vaultOidcFilterRegistration"));
        runner.withPropertyValues(VERIFYING)
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withConfiguration(AutoConfigurations.of(VaultOidcServletFilterAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean("vaultOidcFilterRegistration"));
    }

    @Test
    void filterBacksOffForTheApplicationsOwnRegistrationOrSwitch() {
        web.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withUserConfiguration(OwnFilterRegistration.class)
                .run(context -> assertThat(context).hasBean("myFilter").doesNotHaveBean("vaultOidcFilterRegistration"));
        web.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues("vault.oidc.filter.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("vaultOidcFilterRegistration"));
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues(VERIFYING)
                .withPropertyValues("management.health.vault-oidc.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("vaultOidcHealthIndicator"));
    }

    @Test
    void metricsOnlyWithARegistry() {
        runner.withPropertyValues(VERIFYING).run(context -> assertThat(context).doesNotHaveBean("vaultOidcMetrics"));
        runner.withPropertyValues(VERIFYING)
                .withUserConfiguration(Meters.class)
                .run(context -> assertThat(context).hasBean("vaultOidcMetrics"));
    }

    @Test
    void verifierIsClosedWithTheContext() {
        // A closed verifier has cancelled its schedule and stopped its pool: refreshKeys can no longer run.
        TokenVerifier[] seen = new TokenVerifier[1];
        runner.withPropertyValues(VERIFYING).run(context -> seen[0] = context.getBean(TokenVerifier.class));
        assertThatThrownBy(() -> seen[0].refreshKeys().join())
                .isInstanceOfAny(RejectedExecutionException.class, CompletionException.class);
    }
}
