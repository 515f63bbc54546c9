package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenListener;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerificationListener;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The core beans: a {@link VaultClient}, its {@link IdentityOperations} and {@link OidcAdmin} when
 * {@code vault.oidc.address} is set; an {@link IdTokenSupplier} when {@code vault.oidc.id-token.role} is too; and a {@link TokenVerifier} when
 * {@code vault.oidc.issuer-uri} or {@code vault.oidc.audiences} is set. Each backs off when the application defines
 * its own. Runs before Boot's resource-server auto-configuration so the {@code JwtDecoder} built on the verifier
 * (see {@link VaultOidcSecurityAutoConfiguration}) replaces Boot's.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnClass(TokenVerifier.class)
@ConditionalOnProperty(prefix = "vault.oidc", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(VaultOidcProperties.class)
public class VaultOidcAutoConfiguration {

    /** The Vault client, logged in as {@code vault.oidc.auth.*} says. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "vault.oidc", name = "address")
    public VaultClient vaultOidcVaultClient(VaultOidcProperties properties) {
        return VaultClients.build(properties);
    }

    /** Typed administration of Vault's identity engine, over the {@link VaultClient} bean. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(VaultClient.class)
    public IdentityOperations vaultOidcIdentityOperations(VaultClient vault) {
        return vault.identity();
    }

    /** Administration of Vault's OIDC provider (keys, roles, tokens, introspection), over the {@link VaultClient}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(VaultClient.class)
    public OidcAdmin vaultOidcAdmin(VaultClient vault) {
        return vault.identity().oidc();
    }

    /**
     * This service's own ID tokens for {@code vault.oidc.id-token.role}, cached and refreshed ahead of expiry;
     * closed with the context. Uses the {@link VaultClient}'s credentials: the entity of its login is the subject.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(VaultClient.class)
    @ConditionalOnProperty(prefix = "vault.oidc.id-token", name = "role")
    public IdTokenSupplier vaultOidcIdTokenSupplier(
            VaultClient vault, VaultOidcProperties properties, ObjectProvider<IdTokenListener> listeners) {
        String role = properties.getIdToken().getRole().strip();
        IdTokenListener fanOut =
                IdTokenListener.composite(listeners.orderedStream().toList());
        return PropertyChecks.apply(
                "id-token.role",
                role,
                () -> vault.idTokens(role).listener(fanOut).build());
    }

    /**
     * Answers and logs Vault outages the same way in every mode (503 with {@code Retry-After}; one WARN per
     * outage); a {@link VerificationListener}, so the verifier below feeds it.
     */
    @Bean
    @ConditionalOnMissingBean
    VaultOidcOutage vaultOidcOutage(VaultOidcProperties properties) {
        return new VaultOidcOutage(PropertyChecks.apply("retry-after", properties.getRetryAfter(), () -> {
            if (properties.getRetryAfter() == null || properties.getRetryAfter().compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("must be at least 1 second");
            }
            return properties.getRetryAfter();
        }));
    }

    /**
     * The token verifier, closed with the context. Every {@link VerificationListener} bean (metrics, the
     * application's own) receives its events. Keys are fetched in the background at startup unless
     * {@code vault.oidc.warm-up=false}; a Vault that is down then shows in the health endpoint.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(OnVerifierConfiguredCondition.class)
    public TokenVerifier vaultOidcTokenVerifier(
            VaultOidcProperties properties,
            ObjectProvider<VerificationListener> listeners,
            ObjectProvider<VaultClient> vault) {
        TokenVerifier verifier =
                TokenVerifiers.build(properties, listeners.orderedStream().toList(), vault.getIfUnique());
        if (properties.isWarmUp()) {
            verifier.warmUp();
        }
        return verifier;
    }
}
