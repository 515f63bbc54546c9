package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code vault.oidc.provider}: the verifier accepts that OIDC provider's issuer, and refuses introspection. */
class ProviderPropertyTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VaultOidcAutoConfiguration.class))
            .withPropertyValues(
                    "vault.oidc.warm-up=false",
                    "vault.oidc.address=https://vault.example.com:8200",
                    "vault.oidc.audiences=client-1",
                    "vault.oidc.provider=corp");

    @Test
    void derivesTheProviderIssuer() {
        runner.run(context -> assertThat(context.getBean(TokenVerifier.class).issuers())
                .containsExactly("https://vault.example.com:8200/v1/identity/oidc/provider/corp"));
    }

    @Test
    void derivesTheProviderIssuerInANamespace() {
        runner.withPropertyValues("vault.oidc.namespace=team-a")
                .run(context -> assertThat(context.getBean(TokenVerifier.class).issuers())
                        .containsExactly("https://vault.example.com:8200/v1/team-a/identity/oidc/provider/corp"));
    }

    @Test
    void refusesIntrospectionSayingWhy() {
        runner.withPropertyValues("vault.oidc.auth.token=s.x", "vault.oidc.introspection.enabled=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable root = context.getStartupFailure();
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(InvalidConfigurationPropertyValueException.class);
                    assertThat(((InvalidConfigurationPropertyValueException) root).getName())
                            .isEqualTo("vault.oidc.provider");
                    assertThat(root.getMessage()).contains("only knows identity-token issuers");
                });
    }
}
