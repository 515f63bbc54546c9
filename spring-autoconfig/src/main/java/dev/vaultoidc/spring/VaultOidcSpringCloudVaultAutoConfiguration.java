package dev.vaultoidc.spring;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.spring.VaultOidcProperties.AuthMethod;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.client.VaultEndpointProvider;
import org.springframework.vault.support.VaultToken;

/**
 * Reuses Spring Cloud Vault's login: when the application has Spring Cloud Vault's {@link SessionManager}, the
 * {@link VaultClient} bean sends that session's token instead of logging in a second time, so Vault
 * authentication is configured once ({@code spring.cloud.vault.*}). Spring Cloud Vault keeps renewing and
 * replacing the token; the client follows it (see {@link VaultAuth#externalToken}).
 *
 * <p>It applies only while nothing under {@code vault.oidc.auth} chooses a login (an explicit one wins), while
 * {@code vault.oidc.auth.use-spring-cloud-vault} is not {@code false}, and while {@code vault.oidc.address} is the
 * Vault Spring Cloud Vault talks to: a session token is never sent to another server. Otherwise the
 * {@link VaultClient} is built from {@code vault.oidc.*} alone, as without Spring Cloud Vault.
 */
@AutoConfiguration(
        before = VaultOidcAutoConfiguration.class,
        afterName = {
            "org.springframework.cloud.vault.config.VaultAutoConfiguration",
            "org.springframework.cloud.vault.config.VaultReactiveAutoConfiguration"
        })
@ConditionalOnClass(
        name = {
            "org.springframework.vault.authentication.SessionManager",
            "org.springframework.cloud.vault.config.VaultAutoConfiguration",
            "dev.vaultoidc.core.verify.TokenVerifier"
        })
@ConditionalOnProperty(prefix = "vault.oidc", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnSingleCandidate(SessionManager.class)
@EnableConfigurationProperties(VaultOidcProperties.class)
public class VaultOidcSpringCloudVaultAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VaultOidcSpringCloudVaultAutoConfiguration.class);

    /** What the client's token source is called in logs and errors. */
    static final String SOURCE = "Spring Cloud Vault's SessionManager";

    /**
     * The Vault client, with Spring Cloud Vault's session when it may be used, else logged in as
     * {@code vault.oidc.auth.*} says.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "vault.oidc", name = "address")
    public VaultClient vaultOidcVaultClient(
            VaultOidcProperties properties,
            SessionManager sessions,
            ObjectProvider<VaultEndpointProvider> endpoints,
            Environment environment) {
        VaultOidcProperties.Auth auth = properties.getAuth();
        if (!auth.isUseSpringCloudVault() || explicit(auth)) {
            return VaultClients.build(properties);
        }
        String address = PropertyChecks.requireHttpUrl("address", properties.getAddress());
        VaultEndpoint theirs = springCloudVaultEndpoint(endpoints, environment);
        if (theirs == null || !sameServer(URI.create(address), theirs)) {
            log.warn(
                    "vault.oidc.address {} is not Spring Cloud Vault's Vault ({}): its session is not used; configure"
                            + " vault.oidc.auth.* for this Vault, or set vault.oidc.auth.use-spring-cloud-vault=false",
                    address,
                    theirs == null
                            ? "unknown"
                            : theirs.getScheme() + "://" + theirs.getHost() + ":" + theirs.getPort());
            return VaultClients.build(properties);
        }
        log.info("vault-oidc uses {} for its Vault calls (no vault.oidc.auth.* set)", SOURCE);
        return VaultClients.build(properties, VaultAuth.externalToken(SOURCE, () -> token(sessions)));
    }

    /** Whether {@code vault.oidc.auth} itself chooses a login: a method, or the settings of one. */
    static boolean explicit(VaultOidcProperties.Auth auth) {
        return auth.getMethod() != null || VaultClients.method(auth) != AuthMethod.NONE;
    }

    /** The session's current token; Spring Vault logs in (again) here when it has none. */
    private static String token(SessionManager sessions) {
        VaultToken token = sessions.getSessionToken();
        return token == null ? null : token.getToken();
    }

    /**
     * Where Spring Cloud Vault sends its token: the application's {@link VaultEndpointProvider} if it has one,
     * else {@code spring.cloud.vault.uri}, else {@code spring.cloud.vault.scheme/host/port} with Spring Cloud
     * Vault's defaults (https, localhost, 8200).
     */
    static VaultEndpoint springCloudVaultEndpoint(
            ObjectProvider<VaultEndpointProvider> endpoints, Environment environment) {
        VaultEndpointProvider provider = endpoints.getIfUnique();
        if (provider != null) {
            return provider.getVaultEndpoint();
        }
        String uri = environment.getProperty("spring.cloud.vault.uri");
        try {
            if (uri != null && !uri.isBlank()) {
                return VaultEndpoint.from(URI.create(uri.strip()));
            }
            VaultEndpoint endpoint = VaultEndpoint.create(
                    environment.getProperty("spring.cloud.vault.host", "localhost"),
                    environment.getProperty("spring.cloud.vault.port", Integer.class, 8200));
            endpoint.setScheme(environment.getProperty("spring.cloud.vault.scheme", "https"));
            return endpoint;
        } catch (RuntimeException e) {
            return null; // Spring Cloud Vault fails on such settings itself; here it only means "not the same"
        }
    }

    /** Same scheme, host and port: where a token may go. */
    static boolean sameServer(URI ours, VaultEndpoint theirs) {
        String scheme = ours.getScheme() == null ? "" : ours.getScheme().toLowerCase(Locale.ROOT);
        int port = ours.getPort() != -1 ? ours.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme.equalsIgnoreCase(theirs.getScheme())
                && ours.getHost() != null
                && ours.getHost().equalsIgnoreCase(theirs.getHost())
                && port == theirs.getPort();
    }
}
