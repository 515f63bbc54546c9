package dev.vaultoidc.core.auth;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.RecordingSleeper;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.internal.auth.TokenState;
import dev.vaultoidc.emulator.EmulatorClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No token, secret_id, role_id or JWT in logs (at DEBUG), exception messages or toString(). */
class RedactionTest {

    static final String ROLE_ID = "role-id-7f3a9c";
    static final String SECRET_ID = "secret-id-b61e22";
    static final String TOKEN_1 = "hvs.token-one-91ab";
    static final String TOKEN_2 = "hvs.token-two-44cd";
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.payload-5521.sig";
    static final List<String> SECRETS = List.of(ROLE_ID, SECRET_ID, TOKEN_1, TOKEN_2, JWT);
    static final String READ = "identity/entity/id/e-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final ScriptedVault vault = new ScriptedVault();
    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger projectLogger = (Logger) LoggerFactory.getLogger("dev.vaultoidc");
    Level previousLevel;

    @BeforeEach
    void captureLogs() {
        server.setDispatcher(vault);
        previousLevel = projectLogger.getLevel();
        projectLogger.setLevel(Level.DEBUG);
        captured.start();
        projectLogger.addAppender(captured);
        projectLogger.setAdditive(false); // keep the captured DEBUG flow out of the console
    }

    @AfterEach
    void restoreLogs() {
        projectLogger.detachAppender(captured);
        projectLogger.setLevel(previousLevel);
        projectLogger.setAdditive(true);
    }

    private VaultClient client(VaultAuth auth) {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(auth)
                .clock(clock)
                .sleeper(new RecordingSleeper(clock))
                .build();
    }

    @Test
    void appRoleFlowNeverLogsOrThrowsCredentials() {
        vault.on(
                "auth/approle/login",
                login(TOKEN_1, 300, true),
                login(TOKEN_2, 300, true),
                errors(400, "invalid role or secret ID"));
        vault.on("auth/token/renew-self", errors(403, "permission denied"));
        vault.on(
                READ,
                envelope("{\"id\":\"e-1\"}"),
                errors(403, "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"),
                envelope("{\"id\":\"e-1\"}"));
        VaultClient client = client(VaultAuth.appRole(ROLE_ID, SECRET_ID));

        client.logical().read(READ); // login
        clock.advance(Duration.ofSeconds(250));
        // renewal refused -> login -> 403 "invalid token" -> re-login rejected
        VaultException failure = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(vault.to("auth/approle/login")).hasSize(3);
        assertThat(captured.list).as("the flow was logged at DEBUG/INFO/WARN").hasSizeGreaterThan(3);
        assertThat(everythingLogged()).doesNotContain(SECRETS);
        assertThat(describe(failure)).contains("invalid role or secret ID").doesNotContain(SECRETS);
    }

    @Test
    void jwtLoginFailureNamesNoCredential() {
        vault.on("auth/jwt/login", errors(400, "error validating token: invalid audience (aud) claim"));
        VaultClient client = client(VaultAuth.jwt("ci", () -> JWT));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().write("x", Map.of()));

        assertThat(e).isNotNull();
        assertThat(describe(e)).doesNotContain(SECRETS).contains("auth/jwt/login");
        assertThat(everythingLogged()).doesNotContain(SECRETS);
    }

    @Test
    void toStringRedactsEveryCredential() {
        List<Object> objects = List.of(
                VaultAuth.token(TOKEN_1),
                VaultAuth.appRole(ROLE_ID, SECRET_ID),
                VaultAuth.appRole(ROLE_ID, Path.of("/run/secret-id")).mount("ar"),
                VaultAuth.jwt("ci", () -> JWT),
                VaultAuth.kubernetes("svc"),
                TokenState.issued(TOKEN_1, 60, true, Instant.EPOCH),
                client(VaultAuth.appRole(ROLE_ID, SECRET_ID)));

        for (Object o : objects) {
            assertThat(o.toString()).as(o.getClass().getSimpleName()).doesNotContain(SECRETS);
        }
        assertThat(VaultAuth.token(TOKEN_1).toString()).contains("***");
        assertThat(client(VaultAuth.token(TOKEN_1)).toString()).contains("***");
    }

    private String everythingLogged() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : captured.list) {
            sb.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String describe(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out)); // includes the messages of every cause
        return out.toString();
    }
}
