package dev.vaultoidc.spring;

import java.util.Set;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains the most common vault-oidc misconfiguration: {@code vault.oidc.address} set but no
 * {@code vault.oidc.audiences}. Without an audience no verifier is created (it would accept every role's tokens),
 * so the resource server finds no {@code JwtDecoder} and Spring reports only that a bean is missing. This names the
 * property instead. Ordered before Boot's generic missing-bean analyzer.
 */
class MissingAudienceFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {
    private static final Set<String> VERIFYING_TYPES = Set.of(
            "org.springframework.security.oauth2.jwt.JwtDecoder",
            "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder",
            "dev.vaultoidc.core.verify.TokenVerifier");

    private final Environment environment;

    MissingAudienceFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        String type = cause.getBeanType() == null ? null : cause.getBeanType().getName();
        if (type == null || !VERIFYING_TYPES.contains(type) || environment == null) {
            return null;
        }
        Binder binder = Binder.get(environment);
        boolean address = binder.bind("vault.oidc.address", String.class).isBound();
        boolean issuer = binder.bind("vault.oidc.issuer-uri", String.class).isBound();
        boolean audiences = binder.bind("vault.oidc.audiences", Bindable.listOf(String.class))
                .map(l -> !l.isEmpty())
                .orElse(false);
        boolean disabled = !binder.bind("vault.oidc.enabled", Boolean.class).orElse(true);
        if (!(address || issuer) || audiences || disabled) {
            return null;
        }
        String description = "No " + simple(type) + " bean: vault.oidc." + (issuer ? "issuer-uri" : "address")
                + " is set but vault.oidc.audiences is not, so vault-oidc created no token verifier. An audience "
                + "is required: without one, ID tokens of every Vault OIDC role would be accepted.";
        String action = "Set vault.oidc.audiences to the client_id of each Vault OIDC role whose tokens this service "
                + "accepts (vault read identity/oidc/role/<role> shows it), e.g. vault.oidc.audiences="
                + "Hb7kP2qW9xZ4mN8vR3tY6uJ1aQ.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
