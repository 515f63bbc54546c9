package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerifier;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Spring Security resource-server integration: a {@link JwtDecoder} backed by the {@link TokenVerifier} and a
 * {@link JwtAuthenticationConverter} that maps {@code vault.oidc.authorities-claim-name} (default {@code groups})
 * to authorities with {@code vault.oidc.authority-prefix} (default {@code ROLE_}) and names the principal by
 * {@code vault.oidc.principal-claim-name}. Spring Security's {@code oauth2ResourceServer().jwt()} picks both up,
 * and Boot's default resource-server filter chain applies when the application defines none. Runs before Boot's
 * resource-server auto-configuration (Boot 3 and Boot 4 names), whose beans then back off.
 */
@AutoConfiguration(
        after = VaultOidcAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@ConditionalOnClass({JwtDecoder.class, BearerTokenAuthenticationToken.class, TokenVerifier.class})
@ConditionalOnBean(TokenVerifier.class)
public class VaultOidcSecurityAutoConfiguration {

    /** Verifies bearer tokens with the {@link TokenVerifier}. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public JwtDecoder vaultOidcJwtDecoder(TokenVerifier verifier) {
        return new VaultOidcJwtDecoder(verifier);
    }

    /** Authorities from the configured claim; principal name from the configured claim. */
    @Bean
    @ConditionalOnMissingBean
    public JwtAuthenticationConverter vaultOidcJwtAuthenticationConverter(VaultOidcProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities(properties));
        converter.setPrincipalClaimName(principalClaim(properties));
        return converter;
    }

    /**
     * Authorities from {@code authorities-claim-name} with {@code authority-prefix}. A token without that claim
     * (or, as Vault renders it for an entity in no group, with a {@code null} value, which the decoders drop) simply
     * has no authorities.
     */
    static JwtGrantedAuthoritiesConverter authorities(VaultOidcProperties properties) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(PropertyChecks.requireText(
                "authorities-claim-name",
                properties.getAuthoritiesClaimName(),
                "the claim holding the authorities must be named"));
        authorities.setAuthorityPrefix(properties.getAuthorityPrefix() == null ? "" : properties.getAuthorityPrefix());
        return authorities;
    }

    static String principalClaim(VaultOidcProperties properties) {
        return PropertyChecks.requireText(
                "principal-claim-name",
                properties.getPrincipalClaimName(),
                "the claim naming the principal must be named");
    }

    /**
     * Servlet apps: 503 with {@code Retry-After} instead of a 500 (or a bare 401) while Vault's keys are
     * unavailable; see {@link VaultOidcOutageServletFilter}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(
            name = {"jakarta.servlet.Filter", "org.springframework.boot.web.servlet.FilterRegistrationBean"})
    static class Servlet {
        /** Ordered just before Spring Security's filter chain ({@code spring.security.filter.order}, default -100). */
        @Bean
        @ConditionalOnMissingBean(name = "vaultOidcOutageFilterRegistration")
        FilterRegistrationBean<VaultOidcOutageServletFilter> vaultOidcOutageFilterRegistration(
                VaultOidcOutage outage, Environment environment) {
            FilterRegistrationBean<VaultOidcOutageServletFilter> registration =
                    new FilterRegistrationBean<>(new VaultOidcOutageServletFilter(outage));
            registration.setName("vaultOidcOutageFilter");
            registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class, -100) - 1);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            return registration;
        }
    }
}
