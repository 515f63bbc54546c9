package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.servlet.VaultOidcFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link VaultOidcFilter} for servlet applications that do not have Spring Security: every request
 * matching {@code vault.oidc.filter.url-patterns} needs a valid Vault ID token, except
 * {@code vault.oidc.filter.excluded-paths}. The principal comes from {@code vault.oidc.principal-claim-name} and
 * {@code isUserInRole} answers from {@code vault.oidc.authorities-claim-name} (without the authority prefix, which
 * is a Spring Security convention). With Spring Security on the classpath the resource-server integration
 * ({@link VaultOidcSecurityAutoConfiguration}) applies instead, so a request is never authenticated twice.
 */
@AutoConfiguration(after = VaultOidcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({VaultOidcFilter.class, FilterRegistrationBean.class, TokenVerifier.class})
@ConditionalOnMissingClass("org.springframework.security.web.SecurityFilterChain")
@ConditionalOnBean(TokenVerifier.class)
@ConditionalOnProperty(prefix = "vault.oidc.filter", name = "enabled", havingValue = "true", matchIfMissing = true)
public class VaultOidcServletFilterAutoConfiguration {

    /** The filter, mapped and ordered as configured; it uses (and does not close) the shared verifier. */
    @Bean
    @ConditionalOnMissingBean(value = VaultOidcFilter.class, parameterizedContainer = FilterRegistrationBean.class)
    public FilterRegistrationBean<VaultOidcFilter> vaultOidcFilterRegistration(
            TokenVerifier verifier, VaultOidcProperties properties) {
        VaultOidcProperties.Filter f = properties.getFilter();
        VaultOidcFilter.Builder b = VaultOidcFilter.builder(verifier);
        PropertyChecks.apply("filter.realm", f.getRealm(), () -> b.realm(f.getRealm()));
        PropertyChecks.apply(
                "principal-claim-name",
                properties.getPrincipalClaimName(),
                () -> b.principalClaim(properties.getPrincipalClaimName()));
        PropertyChecks.apply(
                "authorities-claim-name",
                properties.getAuthoritiesClaimName(),
                () -> b.rolesClaim(properties.getAuthoritiesClaimName()));
        if (!f.getExcludedPaths().isEmpty()) {
            PropertyChecks.apply(
                    "filter.excluded-paths",
                    f.getExcludedPaths(),
                    () -> b.excludedPaths(f.getExcludedPaths().toArray(String[]::new)));
        }
        if (!f.getRequiredRoles().isEmpty()) {
            PropertyChecks.apply(
                    "filter.required-roles",
                    f.getRequiredRoles(),
                    () -> b.requiredRoles(f.getRequiredRoles().toArray(String[]::new)));
        }
        b.jsonErrors(f.isJsonErrors());
        if (VaultClients.hasText(f.getHeaderName())) {
            PropertyChecks.apply(
                    "filter.header-name",
                    f.getHeaderName(),
                    () -> b.headerName(f.getHeaderName().strip()));
        }
        PropertyChecks.apply("retry-after", properties.getRetryAfter(), () -> b.retryAfter(properties.getRetryAfter()));
        VaultOidcFilter filter = PropertyChecks.apply("filter", null, b::build);
        FilterRegistrationBean<VaultOidcFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("vaultOidcFilter");
        registration.setUrlPatterns(f.getUrlPatterns());
        registration.setOrder(f.getOrder());
        return registration;
    }
}
