package dev.vaultoidc.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;

/**
 * The filter as a container creates it: no-arg constructor, configured by init-parameters through Jetty, against
 * the emulator and against OpenBao.
 */
class InitParametersTest {
    private JettyApp app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private FilterHolder holder(Map<String, String> params) {
        FilterHolder holder = new FilterHolder(VaultOidcFilter.class);
        params.forEach(holder::setInitParameter);
        return holder;
    }

    @BothServers
    void filterConfiguredByInitParametersAuthenticatesAndRejects(TestServer server) throws Exception {
        VaultFixture fixture = VaultFixture.of(server);
        app = JettyApp.start(holder(Map.of(
                "vault-address", server.address(),
                "audiences", fixture.apiClientId,
                "algorithms", "RS256, ES256",
                "clock-skew", "30s",
                "realm", "shop",
                "roles-claim", "groups",
                "required-roles", "admins",
                "excluded-paths", "/health\n  /public/*",
                "json-errors", "true",
                "header-name", "X-Id-Token")));

        HttpResponse<String> ok = app.get("/orders", "X-Id-Token", fixture.mint("api"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("principal=" + fixture.entityId, "admins=true");

        HttpResponse<String> none = app.get("/orders");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"shop\"");
        assertThat(none.body()).contains("\"error_description\":\"A bearer token is required\"");

        assertThat(app.getWithToken("/orders", fixture.mint("other")).headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"shop\", error=\"invalid_token\", "
                        + "error_description=\"The token audience is not accepted\"");
        assertThat(app.get("/health").statusCode()).isEqualTo(200);
        assertThat(app.get("/public/logo.png").statusCode()).isEqualTo(200);
    }

    @BothServers
    void issuerParameterWorksLikeVaultAddress(TestServer server) throws Exception {
        VaultFixture fixture = VaultFixture.of(server);
        app = JettyApp.start(holder(Map.of(
                "issuer",
                server.address() + "/v1/identity/oidc",
                "audiences",
                fixture.apiClientId,
                "required-roles",
                "auditors")));
        assertThat(app.getWithToken("/orders", fixture.mint("api")).headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"vault-oidc\", error=\"insufficient_scope\", "
                        + "error_description=\"The token lacks a required role\"");
    }

    private void assertStartupFailsNaming(Map<String, String> params, String parameter) {
        assertThatThrownBy(() -> app = JettyApp.start(holder(params)))
                .satisfies(e -> assertThat(messages(e)).contains("'" + parameter + "'"));
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
            for (Throwable s : t.getSuppressed()) {
                sb.append(messages(s));
            }
        }
        return sb.toString();
    }

    @BothServers
    void invalidClockSkewFailsStartupNamingTheParameter(TestServer server) {
        assertStartupFailsNaming(
                Map.of("vault-address", server.address(), "audiences", "x", "clock-skew", "forever"), "clock-skew");
        assertStartupFailsNaming(
                Map.of("vault-address", server.address(), "audiences", "x", "clock-skew", "10m"), "clock-skew");
    }

    @BothServers
    void otherInvalidParametersFailStartupNamingThem(TestServer server) {
        String address = server.address();
        assertStartupFailsNaming(Map.of("vault-address", address), "audiences");
        assertStartupFailsNaming(Map.of("audiences", "x"), "vault-address");
        assertStartupFailsNaming(Map.of("vault-address", "not a url", "audiences", "x"), "vault-address");
        assertStartupFailsNaming(
                Map.of("vault-address", address, "audiences", "x", "algorithms", "HS256"), "algorithms");
        assertStartupFailsNaming(
                Map.of("vault-address", address, "audiences", "x", "json-errors", "yes"), "json-errors");
        assertStartupFailsNaming(
                Map.of("vault-address", address, "audiences", "x", "excluded-paths", "health"), "excluded-paths");
        assertStartupFailsNaming(
                Map.of("vault-address", address, "audiences", "x", "header-name", "Authorization"), "header-name");
        assertStartupFailsNaming(Map.of("vault-address", address, "audiences", "x", "realm", "caf\u00e9"), "realm");
    }

    @BothServers
    void misspelledParameterFailsStartupRatherThanBeingIgnored(TestServer server) {
        assertStartupFailsNaming(
                Map.of("vault-address", server.address(), "audiences", "x", "required-role", "admins"),
                "required-role");
    }
}
