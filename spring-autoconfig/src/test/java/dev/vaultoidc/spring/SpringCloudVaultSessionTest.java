package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.identity.IdentityOperations;
import dev.vaultoidc.core.issue.IdTokenSupplier;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.vault.config.VaultAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.vault.authentication.SessionManager;

/**
 * An application that logs in to Vault with Spring Cloud Vault needs no second Vault login for vault-oidc: the
 * VaultClient bean uses Spring Cloud Vault's session (AppRole here), follows it when Spring Cloud Vault logs in
 * again, and falls back to {@code vault.oidc.auth.*} when that is set or Spring Cloud Vault is not. Runs in its own
 * surefire execution, the only one with Spring Cloud Vault on the classpath.
 */
class SpringCloudVaultSessionTest {

    /** The AppRole Spring Cloud Vault logs in with: the module's test policy (mint, read entities by name). */
    private static Map<String, String> appRole(ServerVault vault, String role) {
        VaultClient root = vault.rootClient();
        boolean mounted = root.logical().read("sys/auth").orElseThrow().data().has("approle/");
        if (!mounted) {
            root.logical().write("sys/auth/approle", Map.of("type", "approle"));
        }
        root.logical()
                .write(
                        "auth/approle/role/" + role,
                        Map.of("token_ttl", "1h", "token_policies", List.of(ServerVault.POLICY)));
        String roleId = root.logical()
                .read("auth/approle/role/" + role + "/role-id")
                .orElseThrow()
                .data()
                .get("role_id")
                .asText();
        String secretId = root.logical()
                .write("auth/approle/role/" + role + "/secret-id", Map.of())
                .orElseThrow()
                .data()
                .get("secret_id")
                .asText();
        return Map.of(
                "spring.cloud.vault.uri",
                vault.address(),
                "spring.cloud.vault.authentication",
                "APPROLE",
                "spring.cloud.vault.app-role.role-id",
                roleId,
                "spring.cloud.vault.app-role.secret-id",
                secretId);
    }

    private static ApplicationContextRunner runner(Map<String, String> springCloudVault, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        VaultAutoConfiguration.class,
                        VaultOidcSpringCloudVaultAutoConfiguration.class,
                        VaultOidcAutoConfiguration.class))
                .withPropertyValues(springCloudVault.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))
                .withPropertyValues(properties);
    }

    private static long logins(TestServer server) {
        return server.isEmulator() ? server.emulator().requestCount("auth/approle/login") : 0;
    }

    /** The entity a Vault token belongs to, as Vault reports it. */
    private static String entityOf(ServerVault vault, String token) {
        return VaultClient.builder()
                .address(vault.address())
                .auth(VaultAuth.token(token))
                .build()
                .logical()
                .read("auth/token/lookup-self")
                .orElseThrow()
                .data()
                .get("entity_id")
                .asText();
    }

    private static String subject(String idToken) throws Exception {
        return SignedJWT.parse(idToken).getJWTClaimsSet().getSubject();
    }

    @BothServers
    void idTokensAndAdminCallsUseSpringCloudVaultsSessionWithoutASecondLogin(TestServer server) {
        ServerVault vault = ServerVault.of(server);
        Map<String, String> scv = appRole(vault, "scv-reuse");
        long before = logins(server);

        runner(scv, "vault.oidc.address=" + vault.address(), "vault.oidc.id-token.role=web")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    String idToken =
                            context.getBean(IdTokenSupplier.class).current().token();
                    String session = context.getBean(SessionManager.class)
                            .getSessionToken()
                            .getToken();
                    // The ID token names the entity of Spring Cloud Vault's AppRole login: its session minted it.
                    assertThat(subject(idToken)).isEqualTo(entityOf(vault, session));
                    assertThat(context.getBean(IdentityOperations.class)
                                    .entities()
                                    .readByName("alice"))
                            .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(vault.aliceId));
                    assertThat(context.getBean(VaultClient.class).toString()).doesNotContain(session);
                });
        if (server.isEmulator()) {
            // Spring Cloud Vault's one login, none by vault-oidc (it has no AppRole settings to log in with).
            assertThat(logins(server) - before).isEqualTo(1);
        }
    }

    @BothServers
    void followsTheNewSessionWhenSpringCloudVaultLogsInAgain(TestServer server) {
        ServerVault vault = ServerVault.of(server);
        Map<String, String> scv = appRole(vault, "scv-relogin");
        long before = logins(server);

        runner(scv, "vault.oidc.address=" + vault.address()).run(context -> {
            IdentityOperations identity = context.getBean(IdentityOperations.class);
            SessionManager sessions = context.getBean(SessionManager.class);
            assertThat(identity.entities().readByName("alice")).isPresent();
            String first = sessions.getSessionToken().getToken();

            // Spring Vault's LifecycleAwareSessionManager revokes its token and logs in again on next use, as it
            // does when a token reaches its max TTL; the old token is dead on the server.
            ((DisposableBean) sessions).destroy();

            assertThat(identity.entities().readByName("alice")).isPresent();
            String second = sessions.getSessionToken().getToken();
            assertThat(second).isNotEqualTo(first);
            assertThat(context.getBean(VaultClient.class).token()).isEqualTo(second);
        });
        if (server.isEmulator()) {
            assertThat(logins(server) - before).isEqualTo(2);
        }
    }

    @BothServers
    void explicitVaultOidcAuthWinsOverSpringCloudVault(TestServer server) throws Exception {
        ServerVault vault = ServerVault.of(server);
        Map<String, String> scv = appRole(vault, "scv-explicit");
        long before = logins(server);

        runner(
                        scv,
                        "vault.oidc.address=" + vault.address(),
                        "vault.oidc.auth.token=" + vault.serviceToken,
                        "vault.oidc.id-token.role=web")
                .run(context -> assertThat(subject(
                                context.getBean(IdTokenSupplier.class).current().token()))
                        .isEqualTo(vault.serviceId));
        if (server.isEmulator()) {
            assertThat(logins(server) - before).isZero();
        }
    }

    @BothServers
    void withoutSpringCloudVaultOrWhenOptedOutTheClientUsesVaultOidcAuth(TestServer server) {
        ServerVault vault = ServerVault.of(server);
        Map<String, String> scv = appRole(vault, "scv-off");
        long before = logins(server);

        runner(
                        scv,
                        "spring.cloud.vault.enabled=false",
                        "vault.oidc.address=" + vault.address(),
                        "vault.oidc.auth.token=" + vault.serviceToken,
                        "vault.oidc.id-token.role=web")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(SessionManager.class);
                    assertThat(subject(context.getBean(IdTokenSupplier.class)
                                    .current()
                                    .token()))
                            .isEqualTo(vault.serviceId);
                });
        runner(scv, "vault.oidc.address=" + vault.address(), "vault.oidc.auth.use-spring-cloud-vault=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(SessionManager.class);
                    // Opted out, with no vault.oidc.auth: no credentials, rather than Spring Cloud Vault's.
                    assertThat(catchThrowableOfType(VaultException.class, context.getBean(VaultClient.class)::token)
                                    .reason())
                            .isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
                });
        if (server.isEmulator()) {
            assertThat(logins(server) - before).isZero();
        }
    }

    @BothServers
    @ExtendWith(OutputCaptureExtension.class)
    void aSessionForAnotherVaultIsNeverSentToThisOne(TestServer server, CapturedOutput output) throws Exception {
        ServerVault vault = ServerVault.of(server);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> elsewhere = Map.of(
                "spring.cloud.vault.uri", "http://127.0.0.1:" + closedPort,
                "spring.cloud.vault.authentication", "TOKEN",
                "spring.cloud.vault.token", "hvs.other-vaults-token");

        runner(elsewhere, "vault.oidc.address=" + vault.address()).run(context -> {
            VaultException e = catchThrowableOfType(VaultException.class, context.getBean(VaultClient.class)::token);
            assertThat(e.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).doesNotContain("hvs.other-vaults-token");
        });
        // The one WARN says why and names both addresses, never the token.
        assertThat(output.getOut())
                .contains("is not Spring Cloud Vault's Vault (http://127.0.0.1:" + closedPort + ")")
                .doesNotContain("hvs.other-vaults-token");
    }

    /** Which Vault the client's auth is for, as {@code VaultClient.toString()} shows it (redacted). */
    private static String authOf(Map<String, String> springCloudVault, String address) {
        String[] auth = new String[1];
        runner(springCloudVault, "vault.oidc.address=" + address)
                .run(context -> auth[0] = context.getBean(VaultClient.class).toString());
        return auth[0];
    }

    @Test
    void theSameVaultIsRecognisedAcrossSpellingsAndSpringCloudVaultsDefaults() {
        String reused = "VaultAuth.externalToken(" + VaultOidcSpringCloudVaultAutoConfiguration.SOURCE + ")";
        Map<String, String> token = Map.of("spring.cloud.vault.token", "hvs.t");

        // Default ports and host case do not matter; Spring Cloud Vault's own default is https://localhost:8200.
        assertThat(authOf(
                        with(token, "spring.cloud.vault.uri", "https://Vault.example.com"),
                        "https://vault.example.com:443"))
                .contains(reused);
        assertThat(authOf(token, "https://localhost:8200")).contains(reused);
        assertThat(authOf(
                        with(
                                with(token, "spring.cloud.vault.host", "vault.internal"),
                                "spring.cloud.vault.port",
                                "8300"),
                        "https://vault.internal:8300"))
                .contains(reused);
        // Another scheme, port or host is another server.
        assertThat(authOf(token, "http://localhost:8200")).doesNotContain(reused);
        assertThat(authOf(
                        with(token, "spring.cloud.vault.uri", "https://vault.example.com:8200"),
                        "https://vault.example.com"))
                .doesNotContain(reused);
        assertThat(authOf(
                        with(token, "spring.cloud.vault.uri", "https://vault-a.example.com"),
                        "https://vault-b.example.com"))
                .doesNotContain(reused);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    /** A whole application: Spring Cloud Vault through config data, all auto-configuration, Boot's own lifecycle. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {}

    @BothServers
    void aSpringBootAppWithSpringCloudVaultConfigDataMintsIdTokensWithItsSession(TestServer server) throws Exception {
        ServerVault vault = ServerVault.of(server);
        Map<String, String> scv = appRole(vault, "scv-app");
        long before = logins(server);
        SpringApplicationBuilder app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .properties(
                        "spring.config.import=optional:vault://",
                        "spring.cloud.vault.kv.enabled=false",
                        "vault.oidc.address=" + vault.address(),
                        "vault.oidc.id-token.role=web");
        String[] args = scv.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(args)) {
            String idToken = context.getBean(IdTokenSupplier.class).current().token();
            String session =
                    context.getBean(SessionManager.class).getSessionToken().getToken();
            assertThat(subject(idToken)).isEqualTo(entityOf(vault, session));
        }
        if (server.isEmulator()) {
            assertThat(logins(server) - before).isEqualTo(1);
        }
    }
}
