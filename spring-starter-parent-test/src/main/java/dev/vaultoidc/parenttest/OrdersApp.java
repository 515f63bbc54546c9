package dev.vaultoidc.parenttest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resource server written from docs/spring-boot.md alone: {@code vault.oidc.*} properties, the usual
 * {@code oauth2ResourceServer().jwt()} chain, and no decoder of its own.
 */
@SpringBootApplication
public class OrdersApp {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApp.class, args);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/admin")
                        .hasRole("payments-admins")
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
    }
}
