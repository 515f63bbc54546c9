package dev.vaultoidc.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * A WebFlux resource server as a user writes it: {@code oauth2ResourceServer(o -> o.jwt(withDefaults()))}, no
 * decoder of its own. {@code /call} makes an outgoing WebClient call through the auto-configured ID-token filter.
 * Run with {@code spring.main.web-application-type=reactive} (the servlet starter is on the test classpath too).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebFluxSecurity
@Import(ReactiveApp.Endpoints.class)
class ReactiveApp {

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http) {
        return http.authorizeExchange(a -> a.pathMatchers("/actuator/health/**", "/actuator/health")
                        .permitAll()
                        .pathMatchers("/admin")
                        .hasRole("payments-admins")
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                .build();
    }

    @RestController
    static class Endpoints {
        private final ObjectProvider<VaultOidcIdTokenExchangeFilter> idTokens;

        Endpoints(ObjectProvider<VaultOidcIdTokenExchangeFilter> idTokens) {
            this.idTokens = idTokens;
        }

        @GetMapping("/me")
        Mono<String> me(Mono<Authentication> auth) {
            return auth.map(Authentication::getName);
        }

        @GetMapping("/admin")
        String admin() {
            return "admin";
        }

        /** What a controller written against Spring's Jwt does with a list claim; "absent" rather than a 500. */
        @GetMapping("/groups")
        String groups(@AuthenticationPrincipal Jwt jwt) {
            return jwt.hasClaim("groups") ? String.valueOf(jwt.getClaimAsStringList("groups")) : "absent";
        }

        /** Calls this app's /me on {@code host}, through the ID-token filter: "status body". */
        @GetMapping("/call")
        Mono<String> call(@RequestParam String host, ServerHttpRequest request) {
            WebClient client = WebClient.builder().filter(idTokens.getObject()).build();
            return client.get()
                    .uri("http://" + host + ":" + request.getURI().getPort() + "/me")
                    .exchangeToMono(r -> r.bodyToMono(String.class)
                            .defaultIfEmpty("")
                            .map(body -> r.statusCode().value() + " " + body));
        }
    }
}
