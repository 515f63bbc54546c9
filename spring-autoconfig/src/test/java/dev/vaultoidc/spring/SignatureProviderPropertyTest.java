package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.SignatureProvider;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * vault.oidc.signature-provider reaches the verifier, and health shows which provider checks signatures. This
 * module's tests run without ACCP (oidc-core declares it optional, so it is not inherited), which is the case of
 * every application that did not add it: auto then falls back quietly and native must stop the start.
 */
class SignatureProviderPropertyTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class))
            .withPropertyValues(
                    "vault.oidc.warm-up=false",
                    "vault.oidc.address=https://vault.example.com",
                    "vault.oidc.audiences=abc");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> healthOf(TokenVerifier verifier) {
        return (Map<String, Object>) new VaultOidcHealth(verifier, null, Clock.systemUTC())
                .check()
                .details()
                .get("signatures");
    }

    @Test
    void autoByDefaultFallsBackToTheJdkWithoutAccpAndHealthSaysWhy() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            TokenVerifier verifier = context.getBean(TokenVerifier.class);
            assertThat(verifier.signatureStatus().requested()).isEqualTo(SignatureProvider.AUTO);
            assertThat(verifier.signatureStatus().active()).isEqualTo(SignatureProvider.JDK);

            Map<String, Object> health = healthOf(verifier);
            assertThat(health)
                    .containsEntry("requested", "auto")
                    .containsEntry("active", "jdk")
                    .containsEntry("fallback", "NOT_ON_CLASS_PATH")
                    .doesNotContainKey("nativeProvider");
            assertThat((String) health.get("fallbackDetail")).contains("AmazonCorrettoCryptoProvider");
        });
    }

    @Test
    void jdkIsPassedOnAndShowsNoFallback() {
        runner.withPropertyValues("vault.oidc.signature-provider=jdk").run(context -> {
            assertThat(context).hasNotFailed();
            TokenVerifier verifier = context.getBean(TokenVerifier.class);
            assertThat(verifier.signatureStatus().requested()).isEqualTo(SignatureProvider.JDK);
            assertThat(healthOf(verifier)).containsExactly(Map.entry("requested", "jdk"), Map.entry("active", "jdk"));
        });
    }

    @Test
    void nativeWithoutAccpStopsTheStartNamingThePropertyAndWhy() {
        runner.withPropertyValues("vault.oidc.signature-provider=native").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOf(InvalidConfigurationPropertyValueException.class);
            InvalidConfigurationPropertyValueException e = (InvalidConfigurationPropertyValueException) t;
            assertThat(e.getName()).isEqualTo("vault.oidc.signature-provider");
            assertThat(e.getReason()).contains("not on the class path");
        });
    }

    @Test
    void anUnknownValueIsRefused() {
        runner.withPropertyValues("vault.oidc.signature-provider=openssl")
                .run(context -> assertThat(context).hasFailed());
    }
}
