package dev.vaultoidc.core.auth;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.internal.json.VaultJson;
import dev.vaultoidc.emulator.EmulatorClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request shapes of the Kubernetes and JWT logins, and the static and file token sources. */
class LoginMethodsTest {

    static final String READ = "identity/entity/id/e-1";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final ScriptedVault vault = new ScriptedVault();
    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        server.setDispatcher(vault);
        vault.on(READ, envelope("{\"id\":\"e-1\"}"));
    }

    private VaultClient client(VaultAuth auth) {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(auth)
                .clock(clock)
                .build();
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        return VaultJson.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void kubernetesLoginSendsRoleAndServiceAccountTokenToTheKubernetesMount() throws Exception {
        Path saToken = Files.writeString(dir.resolve("token"), "eyJ.k8s.sa\n");
        vault.on("auth/kubernetes/login", login("hvs.k8s", 3600, true));

        client(VaultAuth.kubernetes("my-service").serviceAccountTokenFile(saToken))
                .logical()
                .read(READ);

        RecordedRequest loginRequest = vault.to("auth/kubernetes/login").get(0);
        assertThat(loginRequest.getMethod()).isEqualTo("POST");
        assertThat(body(loginRequest).get("role").asText()).isEqualTo("my-service");
        assertThat(body(loginRequest).get("jwt").asText()).isEqualTo("eyJ.k8s.sa");
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.k8s");
    }

    @Test
    void kubernetesMountIsConfigurableAndDefaultTokenFileIsThePodOne() throws Exception {
        Path saToken = Files.writeString(dir.resolve("token"), "eyJ.k8s.sa");
        vault.on("auth/k8s-east/login", login("hvs.k8s", 3600, true));

        client(VaultAuth.kubernetes("svc").mount("k8s-east").serviceAccountTokenFile(saToken))
                .logical()
                .read(READ);

        assertThat(vault.to("auth/k8s-east/login")).hasSize(1);
        assertThat(VaultAuth.kubernetes("svc").toString())
                .contains("/var/run/secrets/kubernetes.io/serviceaccount/token", "mount=kubernetes");
    }

    @Test
    void missingServiceAccountTokenIsAnAuthenticationFailure() {
        VaultClient client = client(VaultAuth.kubernetes("svc").serviceAccountTokenFile(dir.resolve("absent")));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        assertThat(vault.requests).isEmpty();
    }

    @Test
    void jwtLoginSendsRoleAndAFreshJwtFromTheSupplierAtEachLogin() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        vault.on("auth/jwt/login", login("hvs.j1", 60, false), login("hvs.j2", 60, false));

        VaultClient client = client(VaultAuth.jwt("ci", () -> "jwt-" + calls.incrementAndGet()));
        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(58));
        client.logical().read(READ);

        assertThat(vault.to("auth/jwt/login")).hasSize(2);
        assertThat(body(vault.to("auth/jwt/login").get(0)).get("role").asText()).isEqualTo("ci");
        assertThat(body(vault.to("auth/jwt/login").get(0)).get("jwt").asText()).isEqualTo("jwt-1");
        assertThat(body(vault.to("auth/jwt/login").get(1)).get("jwt").asText()).isEqualTo("jwt-2");
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.j1", "hvs.j2");
    }

    @Test
    void jwtMountIsConfigurable() {
        vault.on("auth/oidc-gh/login", login("hvs.j", 60, false));

        client(VaultAuth.jwt("ci", () -> "x").mount("oidc-gh")).logical().read(READ);

        assertThat(vault.to("auth/oidc-gh/login")).hasSize(1);
    }

    @Test
    void staticTokenIsSentAsIsAndNeverReplaced() {
        vault.on(READ, errors(403, "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"));
        VaultClient client = client(VaultAuth.token("hvs.static"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.static");
        assertThat(client.token()).isEqualTo("hvs.static");
    }

    @Test
    void renewingTokenLearnsItsTtlAndIsRenewedAfterTwoThirds() {
        vault.on("auth/token/lookup-self", envelope("{\"ttl\":300,\"renewable\":true,\"period\":300}"));
        vault.on("auth/token/renew-self", login("hvs.periodic", 300, true));
        VaultClient client = client(VaultAuth.renewingToken("hvs.periodic"));

        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(210));
        client.logical().read(READ);

        assertThat(vault.tokensSentTo("auth/token/lookup-self")).containsExactly("hvs.periodic");
        assertThat(vault.tokensSentTo("auth/token/renew-self")).containsExactly("hvs.periodic");
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.periodic", "hvs.periodic");
    }

    @Test
    void renewingTokenWhoseLookupIsRefusedIsStillUsed() {
        vault.on("auth/token/lookup-self", errors(403, "permission denied"));
        VaultClient client = client(VaultAuth.renewingToken("hvs.limited"));

        client.logical().read(READ);
        clock.advance(Duration.ofDays(1));
        client.logical().read(READ);

        assertThat(vault.to("auth/token/lookup-self")).hasSize(1);
        assertThat(vault.to("auth/token/renew-self")).isEmpty();
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.limited", "hvs.limited");
    }

    @Test
    void tokenFileIsReReadWhenItChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("vault-token"), "hvs.first\n");
        VaultClient client = client(VaultAuth.tokenFile(file));

        client.logical().read(READ);
        Files.writeString(file, "hvs.second-and-longer\n");
        Files.setLastModifiedTime(
                file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(10)));
        clock.advance(Duration.ofSeconds(2));
        client.logical().read(READ);

        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.first", "hvs.second-and-longer");
    }

    @Test
    void tokenFileIsReReadWhenVaultRejectsTheToken() throws Exception {
        Path file = Files.writeString(dir.resolve("vault-token"), "hvs.old");
        vault.on(
                READ,
                errors(403, "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"),
                envelope("{\"id\":\"e-1\"}"));
        VaultClient client = client(VaultAuth.tokenFile(file));
        client.token(); // read "hvs.old" now
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, "hvs.new");
        Files.setLastModifiedTime(file, before); // same size and mtime: only Vault's 403 reveals the change

        client.logical().read(READ);

        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.old", "hvs.new");
    }

    @Test
    void noAuthSendsNoTokenForUnauthenticatedPaths() {
        vault.on("identity/oidc/.well-known/keys", dev.vaultoidc.core.http.Responses.json(200, "{\"keys\":[]}"));
        VaultClient client = client(VaultAuth.none());

        assertThat(client.logical()
                        .readRaw("identity/oidc/.well-known/keys")
                        .get("keys")
                        .isArray())
                .isTrue();
        assertThat(vault.to("identity/oidc/.well-known/keys")
                        .get(0)
                        .getHeaders()
                        .get("X-Vault-Token"))
                .isNull();
        assertThat(catchThrowableOfType(VaultException.class, client::token).reason())
                .isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
    }

    @Test
    void blankCredentialsAreRejectedUpFront() {
        assertThatThrownBy(() -> VaultAuth.token(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VaultAuth.appRole("r", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VaultAuth.kubernetes("r").mount("/")).isInstanceOf(IllegalArgumentException.class);
    }
}
