package dev.vaultoidc.spring;

import dev.vaultoidc.core.issue.BearerHosts;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound calls carrying this service's ID token: a {@code WebClient} {@link VaultOidcIdTokenExchangeFilter} and
 * a {@code RestClient}/{@code RestTemplate} {@link VaultOidcIdTokenInterceptor}, both over the one
 * {@link IdTokenSupplier} bean and both limited to {@code vault.oidc.id-token.hosts}. Without listed hosts there is
 * nothing to send a token to, so neither exists.
 */
@AutoConfiguration(after = VaultOidcAutoConfiguration.class)
@ConditionalOnBean(IdTokenSupplier.class)
@Conditional(OnIdTokenHostsCondition.class)
public class VaultOidcClientAutoConfiguration {

    static BearerHosts hosts(VaultOidcProperties properties) {
        List<String> hosts = properties.getIdToken().getHosts();
        return PropertyChecks.apply("id-token.hosts", hosts, () -> BearerHosts.parse(hosts));
    }

    /** WebClient. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.client.ExchangeFilterFunction")
    static class Reactive {
        @Bean
        @ConditionalOnMissingBean
        VaultOidcIdTokenExchangeFilter vaultOidcIdTokenExchangeFilter(
                IdTokenSupplier tokens, VaultOidcProperties properties) {
            return new VaultOidcIdTokenExchangeFilter(tokens, hosts(properties));
        }
    }

    /** RestClient and RestTemplate. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
    static class Blocking {
        @Bean
        @ConditionalOnMissingBean
        VaultOidcIdTokenInterceptor vaultOidcIdTokenInterceptor(
                IdTokenSupplier tokens, VaultOidcProperties properties) {
            return new VaultOidcIdTokenInterceptor(tokens, hosts(properties));
        }
    }
}
