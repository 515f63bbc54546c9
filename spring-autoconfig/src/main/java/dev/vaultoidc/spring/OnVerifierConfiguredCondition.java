package dev.vaultoidc.spring;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when token verification is asked for: {@code vault.oidc.issuer-uri} or {@code vault.oidc.audiences} is
 * set (in any list form). Only {@code vault.oidc.address} is not enough: a service may use Vault only to issue or
 * administer. Once asked for, missing pieces fail startup naming the property instead of silently verifying nothing.
 */
class OnVerifierConfiguredCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        if (binder.bind("vault.oidc.issuer-uri", String.class).isBound()) {
            return ConditionOutcome.match("vault.oidc.issuer-uri is set");
        }
        if (binder.bind("vault.oidc.audiences", Bindable.listOf(String.class))
                .map(List::isEmpty)
                .orElse(true)) {
            return ConditionOutcome.noMatch("neither vault.oidc.issuer-uri nor vault.oidc.audiences is set");
        }
        return ConditionOutcome.match("vault.oidc.audiences is set");
    }
}
