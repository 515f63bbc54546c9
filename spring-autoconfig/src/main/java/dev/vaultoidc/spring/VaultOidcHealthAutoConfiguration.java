package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code vaultOidc} health component: per issuer, whether usable keys are cached, their count and age, the last
 * refresh error; and whether Vault answers {@code sys/health}. Registered for whichever actuator API is present:
 * Boot 3's {@code org.springframework.boot.actuate.health.HealthIndicator} or Boot 4's
 * {@code org.springframework.boot.health.contributor.HealthIndicator}, or their {@code ReactiveHealthIndicator} in a
 * WebFlux app (the Vault probe then runs on {@code boundedElastic}); each nested group is guarded by its own API's
 * class and the application type, so exactly one applies. Turn it off with {@code management.health.vault-oidc.enabled=false}.
 */
@AutoConfiguration(after = VaultOidcAutoConfiguration.class)
@ConditionalOnProperty(prefix = "management.health.vault-oidc", name = "enabled", matchIfMissing = true)
@Conditional(OnVaultOidcBeanCondition.class)
public class VaultOidcHealthAutoConfiguration {

    /** Not a WebFlux app (servlet or none), or Reactor is missing: the blocking indicator. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @Conditional(NotReactiveWebApp.class)
    @interface ConditionalOnNotReactiveWebApp {}

    static class NotReactiveWebApp extends NoneNestedConditions {
        NotReactiveWebApp() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        @ConditionalOnClass(name = "reactor.core.publisher.Mono")
        static class Reactive {}
    }

    static VaultOidcHealth health(ObjectProvider<TokenVerifier> verifier, ObjectProvider<VaultClient> vault) {
        return new VaultOidcHealth(verifier.getIfUnique(), vault.getIfUnique(), Clock.systemUTC());
    }

    /** Boot 3.x, WebFlux: the probe of Vault runs off the event loop. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"org.springframework.boot.actuate.health.ReactiveHealthIndicator", "reactor.core.publisher.Mono"})
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Boot3Reactive {
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcHealthIndicator")
        VaultOidcReactiveHealthIndicator vaultOidcHealthIndicator(
                ObjectProvider<TokenVerifier> verifier, ObjectProvider<VaultClient> vault) {
            return new VaultOidcReactiveHealthIndicator(health(verifier, vault));
        }
    }

    /** Boot 4.x, WebFlux. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"org.springframework.boot.health.contributor.ReactiveHealthIndicator", "reactor.core.publisher.Mono"
            })
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Boot4Reactive {
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcHealthIndicator")
        VaultOidcBoot4ReactiveHealthIndicator vaultOidcHealthIndicator(
                ObjectProvider<TokenVerifier> verifier, ObjectProvider<VaultClient> vault) {
            return new VaultOidcBoot4ReactiveHealthIndicator(health(verifier, vault));
        }
    }

    /** Boot 3.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnNotReactiveWebApp
    static class Boot3 {
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcHealthIndicator")
        VaultOidcHealthIndicator vaultOidcHealthIndicator(
                ObjectProvider<TokenVerifier> verifier, ObjectProvider<VaultClient> vault) {
            return new VaultOidcHealthIndicator(health(verifier, vault));
        }
    }

    /** Boot 4.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnNotReactiveWebApp
    static class Boot4 {
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcHealthIndicator")
        VaultOidcBoot4HealthIndicator vaultOidcHealthIndicator(
                ObjectProvider<TokenVerifier> verifier, ObjectProvider<VaultClient> vault) {
            return new VaultOidcBoot4HealthIndicator(health(verifier, vault));
        }
    }
}
