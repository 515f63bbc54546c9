package dev.vaultoidc.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code vault.oidc.id-token.hosts} lists at least one host (in any list form). */
class OnIdTokenHostsCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean any = Binder.get(context.getEnvironment())
                .bind("vault.oidc.id-token.hosts", Bindable.listOf(String.class))
                .map(hosts -> !hosts.isEmpty())
                .orElse(false);
        return any
                ? ConditionOutcome.match("vault.oidc.id-token.hosts is set")
                : ConditionOutcome.noMatch("vault.oidc.id-token.hosts is not set");
    }
}
