package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtGrantedAuthoritiesConverterAdapter;
import reactor.core.publisher.Mono;

/**
 * Spring Security reactive resource-server integration (WebFlux): a {@link ReactiveJwtDecoder} backed by the
 * {@link TokenVerifier} that never blocks the event loop ({@link VaultOidcReactiveJwtDecoder}), a
 * {@link ReactiveJwtAuthenticationConverter} mapping authorities and principal as the servlet one does, and a
 * {@code WebFilter} that answers 503 with {@code Retry-After} while Vault's keys are unavailable. Runs before Boot's
 * reactive resource-server auto-configuration (Boot 3 and Boot 4 names), whose decoder then backs off.
 */
@AutoConfiguration(
        after = VaultOidcAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.autoconfigure.security.oauth2.resource.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"
        })
@ConditionalOnClass({ReactiveJwtDecoder.class, ReactiveJwtAuthenticationConverter.class, Mono.class, TokenVerifier.class
})
@ConditionalOnBean(TokenVerifier.class)
public class VaultOidcReactiveSecurityAutoConfiguration {

    /** Verifies bearer tokens with the {@link TokenVerifier}, off the event loop whenever Vault may be called. */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    public ReactiveJwtDecoder vaultOidcReactiveJwtDecoder(TokenVerifier verifier, VaultOidcProperties properties) {
        return new VaultOidcReactiveJwtDecoder(
                verifier, properties.getIntrospection().isEnabled());
    }

    /** Authorities and principal name from the configured claims, as {@code JwtAuthenticationConverter} does. */
    @Bean
    @ConditionalOnMissingBean
    public ReactiveJwtAuthenticationConverter vaultOidcReactiveJwtAuthenticationConverter(
            VaultOidcProperties properties) {
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new ReactiveJwtGrantedAuthoritiesConverterAdapter(
                VaultOidcSecurityAutoConfiguration.authorities(properties)));
        converter.setPrincipalClaimName(VaultOidcSecurityAutoConfiguration.principalClaim(properties));
        return converter;
    }

    /** 503 with {@code Retry-After} instead of a 500 while Vault's keys are unavailable. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnMissingBean
    VaultOidcOutageWebFilter vaultOidcOutageWebFilter(VaultOidcOutage outage) {
        return new VaultOidcOutageWebFilter(outage);
    }
}
