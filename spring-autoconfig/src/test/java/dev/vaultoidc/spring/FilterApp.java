package dev.vaultoidc.spring;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A plain servlet app without Spring Security: the auto-configured filter protects it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(FilterApp.Endpoints.class)
class FilterApp {

    @RestController
    static class Endpoints {
        @GetMapping("/hello")
        String hello(HttpServletRequest request) {
            return request.getUserPrincipal().getName() + " admin=" + request.isUserInRole("payments-admins");
        }

        @GetMapping("/public/info")
        String info() {
            return "public";
        }
    }
}
