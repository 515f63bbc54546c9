package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

/**
 * RFC 9728: Spring Security 7 (Boot 4) serves {@code /.well-known/oauth-protected-resource} for a resource server;
 * with the starter it names the Vault issuer, the {@code iss} of the tokens the app accepts, in
 * {@code authorization_servers}, with no code in the app. An app's own metadata customizer still applies. Spring
 * Security 6 (Boot 3) has no such endpoint: there the starter adds nothing.
 */
class ProtectedResourceMetadataTest {
    static final VaultFixture VAULT = VaultFixture.start();
    static final boolean SECURITY_7 =
            ClassUtils.isPresent(ProtectedResourceMetadataPostProcessor.FILTER, ClassLoader.getSystemClassLoader());
    static final List<ConfigurableApplicationContext> APPS = new ArrayList<>();

    @AfterAll
    static void stop() {
        APPS.forEach(ConfigurableApplicationContext::close);
    }

    static Http start(Class<?> app) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(app)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .registerShutdownHook(false)
                .run("--vault.oidc.address=" + VAULT.address(), "--vault.oidc.audiences=" + VAULT.clientId);
        APPS.add(context);
        return new Http(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @Test
    void metadataNamesTheIssuerOfTheTokensTheAppAccepts() throws Exception {
        assumeTrue(SECURITY_7, "Spring Security 7 (Boot 4) serves RFC 9728 metadata");
        Http http = start(SecuredApp.class);
        String alice = VAULT.idToken("alice");
        String issuer = SignedJWT.parse(alice).getJWTClaimsSet().getIssuer();

        HttpResponse<String> metadata = http.get("/.well-known/oauth-protected-resource", null);

        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode json = Http.json(metadata);
        assertThat(json.path("authorization_servers")).hasSize(1);
        assertThat(json.path("authorization_servers").get(0).asText())
                .isEqualTo(issuer)
                .startsWith(VAULT.address());
        assertThat(json.path("resource").asText()).startsWith("http://localhost:");
        // The issuer named there is the one whose tokens the app takes.
        assertThat(http.get("/me", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void applicationsOwnMetadataCustomizerStillApplies() {
        assumeTrue(SECURITY_7, "Spring Security 7 (Boot 4) serves RFC 9728 metadata");
        Http http = start(CustomizedMetadataApp.class);

        JsonNode json = Http.json(http.get("/.well-known/oauth-protected-resource", null));

        assertThat(json.path("resource_name").asText()).isEqualTo("orders API");
        assertThat(json.path("authorization_servers"))
                .extracting(JsonNode::asText)
                .containsExactly(VAULT.address() + "/v1/identity/oidc", "https://sso.example.com");
    }

    @Test
    void springSecurity6HasNoEndpointAndTheStarterAddsNone() {
        assumeTrue(!SECURITY_7, "Boot 3 only");
        Http http = start(SecuredApp.class);

        assertThat(http.get("/.well-known/oauth-protected-resource", null).statusCode())
                .isEqualTo(401);
    }

    /**
     * An app that customizes the metadata itself: it names itself and a second authorization server. Written with
     * reflection only because these tests also compile against Spring Security 6, which lacks the API; in an app
     * it reads {@code .protectedResourceMetadata(m -> m.protectedResourceMetadataCustomizer(b -> b.resourceName(..)
     * .authorizationServer(..)))}.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    static class CustomizedMetadataApp {
        @Bean
        SecurityFilterChain api(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .oauth2ResourceServer(o -> protectedResourceMetadata(o.jwt(Customizer.withDefaults())));
            return http.build();
        }

        private static void protectedResourceMetadata(OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer) {
            Consumer<Object> metadata = builder -> {
                call(builder, "resourceName", String.class, "orders API");
                call(builder, "authorizationServer", String.class, "https://sso.example.com");
            };
            Customizer<Object> configurer =
                    c -> call(c, "protectedResourceMetadataCustomizer", Consumer.class, metadata);
            call(resourceServer, "protectedResourceMetadata", Customizer.class, configurer);
        }

        private static void call(Object target, String name, Class<?> parameter, Object argument) {
            try {
                Method method = target.getClass().getMethod(name, parameter);
                method.invoke(target, argument);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
