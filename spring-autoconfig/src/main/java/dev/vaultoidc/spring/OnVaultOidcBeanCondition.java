package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.verify.TokenVerifier;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.ConfigurationCondition;

/** Matches when there is a {@link TokenVerifier} or a {@link VaultClient} bean: something to report on. */
class OnVaultOidcBeanCondition extends AnyNestedCondition {
    OnVaultOidcBeanCondition() {
        super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(TokenVerifier.class)
    static class HasVerifier {}

    @ConditionalOnBean(VaultClient.class)
    static class HasVaultClient {}
}
