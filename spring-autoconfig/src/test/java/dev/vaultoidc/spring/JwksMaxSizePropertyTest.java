package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Issue 17 item 12: the JWKS size cap is a property, bound as a data size and passed to the verifier. */
class JwksMaxSizePropertyTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class))
            .withPropertyValues(
                    "vault.oidc.warm-up=false",
                    "vault.oidc.address=https://vault.example.com",
                    "vault.oidc.audiences=abc");

    @Test
    void maxSizeDefaultsToTheVerifierDefaultAndIsPassedOn() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(VaultOidcProperties.class)
                            .getJwks()
                            .getMaxSize()
                            .toBytes())
                    .isEqualTo(TokenVerifier.Builder.DEFAULT_MAX_RESPONSE_BYTES);
        });
        runner.withPropertyValues("vault.oidc.jwks.max-size=8MB").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(VaultOidcProperties.class)
                            .getJwks()
                            .getMaxSize()
                            .toMegabytes())
                    .isEqualTo(8);
        });
        // The verifier's own check (at least 1 KiB) proves the value reaches the builder.
        runner.withPropertyValues("vault.oidc.jwks.max-size=100B").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOf(InvalidConfigurationPropertyValueException.class);
            assertThat(((InvalidConfigurationPropertyValueException) t).getName())
                    .isEqualTo("vault.oidc.jwks.max-size");
        });
    }
}
