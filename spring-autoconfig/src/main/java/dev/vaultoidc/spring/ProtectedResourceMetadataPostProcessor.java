package dev.vaultoidc.spring;

import dev.vaultoidc.core.verify.TokenVerifier;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes Spring Security 7's RFC 9728 endpoint ({@code /.well-known/oauth-protected-resource}) name the verifier's
 * Vault issuers in {@code authorization_servers}, so a client can find where to get a token without the application
 * writing a metadata customizer.
 *
 * <p>Spring Security builds its {@code OAuth2ProtectedResourceMetadataFilter} inside each filter chain and passes it
 * through the context's object post-processor, which runs bean post-processors on it: that is the one place where the
 * starter can reach the filter without taking over the application's {@code HttpSecurity}. The application's own
 * {@code protectedResourceMetadata(...)} customizer, already set by then, is kept and runs after ours, so it sees the
 * issuers and may change them.
 *
 * <p>spring-autoconfig compiles against Spring Security 6, where none of these types exist: they are reached by name.
 * Should a later Spring Security rename them, the filter is left as Spring Security made it and one WARN says so.
 */
final class ProtectedResourceMetadataPostProcessor implements BeanPostProcessor {
    static final String FILTER =
            "org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter";
    static final String BUILDER =
            "org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata$Builder";
    static final String CUSTOMIZER_FIELD = "protectedResourceMetadataCustomizer";
    static final String CUSTOMIZER_SETTER = "setProtectedResourceMetadataCustomizer";
    static final String AUTHORIZATION_SERVERS = "authorizationServers";

    private static final Logger LOG = LoggerFactory.getLogger(ProtectedResourceMetadataPostProcessor.class);

    private final ObjectProvider<TokenVerifier> verifier;

    ProtectedResourceMetadataPostProcessor(ObjectProvider<TokenVerifier> verifier) {
        this.verifier = verifier;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean.getClass().getName().equals(FILTER)) {
            addIssuers(bean);
        }
        return bean;
    }

    private void addIssuers(Object filter) {
        Field field = ReflectionUtils.findField(filter.getClass(), CUSTOMIZER_FIELD, Consumer.class);
        Method setter = ReflectionUtils.findMethod(filter.getClass(), CUSTOMIZER_SETTER, Consumer.class);
        Method servers = builderMethod(filter.getClass().getClassLoader());
        if (field == null || setter == null || servers == null) {
            LOG.warn(
                    "This Spring Security's {} cannot be extended as expected; /.well-known/oauth-protected-resource"
                            + " will not name the Vault issuer in authorization_servers",
                    FILTER);
            return;
        }
        ReflectionUtils.makeAccessible(field);
        @SuppressWarnings("unchecked")
        Consumer<Object> application = (Consumer<Object>) ReflectionUtils.getField(field, filter);
        Consumer<Object> ours = builder -> nameIssuers(servers, builder);
        ReflectionUtils.invokeMethod(setter, filter, application == null ? ours : ours.andThen(application));
    }

    private static Method builderMethod(ClassLoader classLoader) {
        try {
            return ReflectionUtils.findMethod(
                    ClassUtils.forName(BUILDER, classLoader), AUTHORIZATION_SERVERS, Consumer.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Adds each issuer the verifier accepts, in a stable order, unless already listed. */
    private void nameIssuers(Method authorizationServers, Object builder) {
        TokenVerifier tokens = verifier.getIfUnique();
        if (tokens == null) {
            return;
        }
        Consumer<List<String>> add = servers -> new TreeSet<>(tokens.issuers())
                .stream().filter(issuer -> !servers.contains(issuer)).forEach(servers::add);
        ReflectionUtils.invokeMethod(authorizationServers, builder, add);
    }
}
