package dev.vaultoidc.examples;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's protected service: a Spring Boot resource server as a user writes it. It declares no
 * decoder: vault-oidc's auto-configuration turns {@code vault.oidc.address} and
 * {@code vault.oidc.audiences} into a {@code JwtDecoder} backed by a {@code TokenVerifier}, and maps the
 * {@code groups} claim to {@code ROLE_<group>} authorities.
 *
 * <p>{@code GET /me} needs any valid token; {@code GET /orders} also needs membership of the group named
 * by {@code demo.required-group}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSecurity
@Import(DemoService.Endpoints.class)
class DemoService {

    @Bean
    SecurityFilterChain api(HttpSecurity http, @Value("${demo.required-group}") String requiredGroup) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/orders")
                        .hasRole(requiredGroup)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @RestController
    static class Endpoints {
        @GetMapping("/me")
        Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
            Map<String, Object> me = new TreeMap<>();
            me.put("entity_id", jwt.getSubject());
            me.put("groups", jwt.getClaimAsStringList("groups"));
            return me;
        }

        @GetMapping("/orders")
        Map<String, Object> orders(@AuthenticationPrincipal Jwt jwt) {
            Map<String, Object> orders = new TreeMap<>();
            orders.put("orders", List.of("A-1001", "A-1002"));
            orders.put("served_to", jwt.getSubject());
            return orders;
        }
    }
}
