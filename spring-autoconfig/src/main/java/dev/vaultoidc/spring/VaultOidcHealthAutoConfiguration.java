package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code vaultOidc} health component: per issuer, whether usable keys are cached, their count and age, the last
 * refresh error; and whether Vault answers {@code sys/health}. Registered for whichever actuator API is present:
 * Boot 3's {@code org.springframework.boot.actuate.health.HealthIndicator} or Boot 4's
 * {@code org.springframework.boot.health.contributor.HealthIndicator}; each nested group is guarded by its own
 * API's class, so exactly one applies. Turn it off with {@code management.health.vault-oidc.enabled=false}.
 */
@AutoConfiguration(after = VaultOidcAutoConfiguration.class)
@ConditionalOnProperty(prefix = "management.health.vault-oidc", name = "enabled", matchIfMissing = true)
@Conditional(OnVaultOidcBeanCondition.class)
public class VaultOidcHealthAutoConfiguration {

    static VaultOidcHealth health(ObjectProvider<TokenVerifier> verifier, ObjectProvider<VaultClient> vault) {
        return new VaultOidcHealth(verifier.getIfUnique(), vault.getIfUnique(), Clock.systemUTC());
    }

    /** Boot 3.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3 {
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcHealthIndicator")
        VaultOidcHealthIndicator vaultOidcHealthIndicator(ObjectProvider<TokenVerifier> verifier,
                ObjectProvider<VaultClient> vault) {
            return new VaultOidcHealthIndicator(health(verifier, vault));
        }
    }

    /** Boot 4.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcHealthIndicator")
        VaultOidcBoot4HealthIndicator vaultOidcHealthIndicator(ObjectProvider<TokenVerifier> verifier,
                ObjectProvider<VaultClient> vault) {
            return new VaultOidcBoot4HealthIndicator(health(verifier, vault));
        }
    }
}
