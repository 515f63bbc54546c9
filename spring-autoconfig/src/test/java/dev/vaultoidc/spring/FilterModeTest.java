package dev.vaultoidc.spring;

import static dev.vaultoidc.spring.EmulatedVault.ALICE_ID;
import static dev.vaultoidc.spring.EmulatedVault.BOB_ID;
import static dev.vaultoidc.spring.EmulatedVault.idToken;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Plain servlet-filter mode. Runs in its own surefire execution with Spring Security removed from the classpath
 * (see the pom), because the filter is registered only for applications without it; that execution sets
 * {@code vault-oidc.filter-mode}, so a {@code -Dtest=} run on the ordinary classpath skips it.
 */
@EnabledIfSystemProperty(named = "vault-oidc.filter-mode", matches = "true")
@SpringBootTest(classes = FilterApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vault.oidc.filter.excluded-paths=/public/*", "vault.oidc.filter.realm=payments"})
class FilterModeTest {

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("vault.oidc.address", EmulatedVault::address);
        registry.add("vault.oidc.audiences", () -> EmulatedVault.WEB_CLIENT_ID);
    }

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void springSecurityIsAbsentAsInARealFilterModeApp() {
        assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null)).isFalse();
    }

    @Test
    void validTokenReachesTheAppWithPrincipalAndRoles() {
        HttpResponse<String> alice = http.get("/hello", idToken(ALICE_ID, "web"));
        HttpResponse<String> bob = http.get("/hello", idToken(BOB_ID, "web"));

        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(alice.body()).isEqualTo(ALICE_ID + " admin=true");
        assertThat(bob.body()).isEqualTo(BOB_ID + " admin=false");
    }

    @Test
    void missingTokenIsChallengedWithTheRealm() {
        HttpResponse<String> r = http.get("/hello", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("realm=\"payments\""));
    }

    @Test
    void tokenOfAnotherRoleIsInvalid() {
        HttpResponse<String> r = http.get("/hello", idToken(ALICE_ID, "other"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
    }

    @Test
    void excludedPathNeedsNoToken() {
        assertThat(http.get("/public/info", null).statusCode()).isEqualTo(200);
    }
}
