package dev.vaultoidc.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resource server as a user writes it: no decoder of its own, only {@code oauth2ResourceServer().jwt()} and
 * role rules. No component scan, so the module's other test apps stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSecurity
@Import(SecuredApp.Endpoints.class)
class SecuredApp {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**", "/actuator/health")
                        .permitAll()
                        .requestMatchers("/admin")
                        .hasRole("payments-admins")
                        .requestMatchers("/ops")
                        .hasAuthority("ROLE_payments-admins")
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @RestController
    static class Endpoints {
        @GetMapping("/me")
        String me(Authentication auth) {
            return auth.getName();
        }

        @GetMapping("/admin")
        String admin() {
            return "admin";
        }

        @GetMapping("/ops")
        String ops() {
            return "ops";
        }
    }
}
