package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the verifier (see {@link VaultOidcMetrics} for names and tags), when Micrometer and a
 * {@link MeterRegistry} bean are present. Ordered after Boot's registry auto-configuration (Boot 3 and Boot 4
 * names) so {@code @ConditionalOnBean(MeterRegistry)} sees it.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        },
        before = VaultOidcAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, TokenVerifier.class})
@ConditionalOnBean(MeterRegistry.class)
public class VaultOidcMetricsAutoConfiguration {

    /** A {@code VerificationListener} counting verifications, cache hits and JWKS fetches. */
    @Bean
    @ConditionalOnMissingBean(name = "vaultOidcMetrics")
    VaultOidcMetrics vaultOidcMetrics(MeterRegistry registry) {
        return new VaultOidcMetrics(registry);
    }
}
