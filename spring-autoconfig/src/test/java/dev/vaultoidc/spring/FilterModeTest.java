package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.util.ClassUtils;

/**
 * Plain servlet-filter mode, against the emulator and against OpenBao. Runs in its own surefire execution with
 * Spring Security removed from the classpath (see the pom), because the filter is registered only for
 * applications without it; that execution sets {@code vault-oidc.filter-mode}, so a {@code -Dtest=} run on the
 * ordinary classpath skips it.
 */
@EnabledIfSystemProperty(named = "vault-oidc.filter-mode", matches = "true")
class FilterModeTest {

    private static final RunningApp.Apps APPS = new RunningApp.Apps(
            FilterApp.class,
            vault -> Map.of(
                    "vault.oidc.filter.excluded-paths",
                    "/public/*",
                    "vault.oidc.filter.realm",
                    "payments",
                    "vault.oidc.address",
                    vault.address(),
                    "vault.oidc.audiences",
                    vault.webClientId));

    @AfterAll
    static void stopApps() {
        APPS.close();
    }

    @Test
    void springSecurityIsAbsentAsInARealFilterModeApp() {
        assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null))
                .isFalse();
    }

    @BothServers
    void validTokenReachesTheAppWithPrincipalAndRoles(TestServer server) {
        RunningApp app = APPS.on(server);
        HttpResponse<String> alice = app.http.get("/hello", app.vault.idToken("alice", "web"));
        HttpResponse<String> bob = app.http.get("/hello", app.vault.idToken("bob", "web"));

        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(alice.body()).isEqualTo(app.vault.aliceId + " admin=true");
        assertThat(bob.body()).isEqualTo(app.vault.bobId + " admin=false");
    }

    @BothServers
    void missingTokenIsChallengedWithTheRealm(TestServer server) {
        HttpResponse<String> r = APPS.on(server).http.get("/hello", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("realm=\"payments\""));
    }

    @BothServers
    void tokenOfAnotherRoleIsInvalid(TestServer server) {
        RunningApp app = APPS.on(server);
        HttpResponse<String> r = app.http.get("/hello", app.vault.idToken("alice", "other"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
    }

    @BothServers
    void excludedPathNeedsNoToken(TestServer server) {
        assertThat(APPS.on(server).http.get("/public/info", null).statusCode()).isEqualTo(200);
    }
}
