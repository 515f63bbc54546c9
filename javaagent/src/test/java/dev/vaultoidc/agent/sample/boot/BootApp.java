package dev.vaultoidc.agent.sample.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An unmodified Spring Boot 3.5 application with Spring Security (every request permitted, as an app that
 * leaves authentication to the platform would), knowing nothing of vault-oidc.
 */
@SpringBootApplication
@RestController
public class BootApp implements ApplicationListener<WebServerInitializedEvent> {

    public static void main(String[] args) {
        SpringApplication.run(
                BootApp.class, "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .build();
    }

    @GetMapping({"/hello", "/health"})
    String hello(HttpServletRequest req) {
        Principal p = req.getUserPrincipal();
        return "user=" + (p == null ? "-" : p.getName()) + " admin=" + req.isUserInRole("admins") + " token-attribute="
                + (req.getAttribute("dev.vaultoidc.core.verify.VerifiedToken") != null);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        System.out.println("READY " + event.getWebServer().getPort());
    }
}
