package dev.vaultoidc.spring;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * What a native image (Spring AOT plus GraalVM) cannot see by itself: the types oidc-core binds with Jackson (Vault's
 * responses, discovery documents, identity records and the admin requests), the failure analyzer that
 * {@code spring.factories} names, and the Spring Security 7 members {@link ProtectedResourceMetadataPostProcessor}
 * reaches by name. A JVM run with {@code spring.aot.enabled=true} needs none of them; they are for native builds.
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class VaultOidcRuntimeHints implements RuntimeHintsRegistrar {

    /** oidc-core's Jackson-bound types; {@code VaultOidcRuntimeHintsTest} checks the list against oidc-core. */
    static final List<String> JSON_TYPES = List.of(
            "dev.vaultoidc.core.http.VaultResponse",
            "dev.vaultoidc.core.oidc.OidcAdmin$Discovery",
            "dev.vaultoidc.core.oidc.OidcProviders$Discovery",
            "dev.vaultoidc.core.oidc.NamedKeyRequest",
            "dev.vaultoidc.core.oidc.RoleRequest",
            "dev.vaultoidc.core.oidc.OidcProviders$Request",
            "dev.vaultoidc.core.oidc.OidcClients$Request",
            "dev.vaultoidc.core.oidc.OidcScopes$Request",
            "dev.vaultoidc.core.oidc.OidcAssignments$Request",
            "dev.vaultoidc.core.oidc.OidcProviderEndpoints$AuthorizeRequest",
            "dev.vaultoidc.core.identity.Entity",
            "dev.vaultoidc.core.identity.Entities$Ref",
            "dev.vaultoidc.core.identity.EntityRequest",
            "dev.vaultoidc.core.identity.EntityMergeRequest",
            "dev.vaultoidc.core.identity.EntityAlias",
            "dev.vaultoidc.core.identity.EntityAliasRequest",
            "dev.vaultoidc.core.identity.Group",
            "dev.vaultoidc.core.identity.Groups$Ref",
            "dev.vaultoidc.core.identity.GroupRequest",
            "dev.vaultoidc.core.identity.GroupAlias",
            "dev.vaultoidc.core.identity.GroupAliasRequest",
            "dev.vaultoidc.core.identity.AliasRef",
            "dev.vaultoidc.core.identity.AliasSummary",
            "dev.vaultoidc.core.identity.AliasListing");

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        for (String name : JSON_TYPES) {
            if (ClassUtils.isPresent(name, classLoader)) {
                binding.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(name, classLoader));
            }
        }
        hints.reflection()
                .registerType(
                        MissingAudienceFailureAnalyzer.class,
                        type -> type.withConstructor(
                                List.of(TypeReference.of(Environment.class)), ExecutableMode.INVOKE));
        hints.reflection()
                .registerTypeIfPresent(
                        classLoader,
                        ProtectedResourceMetadataPostProcessor.FILTER,
                        type -> type.withField(ProtectedResourceMetadataPostProcessor.CUSTOMIZER_FIELD)
                                .withMethod(
                                        ProtectedResourceMetadataPostProcessor.CUSTOMIZER_SETTER,
                                        List.of(TypeReference.of(Consumer.class)),
                                        ExecutableMode.INVOKE));
        hints.reflection()
                .registerTypeIfPresent(
                        classLoader,
                        ProtectedResourceMetadataPostProcessor.BUILDER,
                        type -> type.withMethod(
                                ProtectedResourceMetadataPostProcessor.AUTHORIZATION_SERVERS,
                                List.of(TypeReference.of(Consumer.class)),
                                ExecutableMode.INVOKE));
    }
}
