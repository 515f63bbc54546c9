package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * RFC 9728 protected-resource metadata (Spring Security 7, servlet): {@code /.well-known/oauth-protected-resource},
 * which Spring Security serves for every {@code oauth2ResourceServer()} filter chain, names the verifier's Vault
 * issuers in {@code authorization_servers}. Spring Security 6 has no such endpoint and Spring Security 7 none for
 * WebFlux, so this applies only where the servlet filter exists. Define a bean named
 * {@code vaultOidcProtectedResourceMetadata} to turn it off; an application's own
 * {@code protectedResourceMetadata(...)} customizer runs after it and may change the list.
 */
@AutoConfiguration(after = VaultOidcAutoConfiguration.class)
@ConditionalOnClass(name = ProtectedResourceMetadataPostProcessor.FILTER)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(TokenVerifier.class)
public class VaultOidcProtectedResourceMetadataAutoConfiguration {

    /** Static: a post-processor must not pull this configuration (or the verifier) into early creation. */
    @Bean
    @ConditionalOnMissingBean(name = "vaultOidcProtectedResourceMetadata")
    static BeanPostProcessor vaultOidcProtectedResourceMetadata(ObjectProvider<TokenVerifier> verifier) {
        return new ProtectedResourceMetadataPostProcessor(verifier);
    }
}
