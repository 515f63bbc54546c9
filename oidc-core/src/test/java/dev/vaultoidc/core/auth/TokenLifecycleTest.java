package dev.vaultoidc.core.auth;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static dev.vaultoidc.core.http.Responses.json;
import static dev.vaultoidc.core.http.Responses.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.RecordingSleeper;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.emulator.EmulatorClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AppRole login, renewal, re-login and single-flight, against MockWebServer. */
class TokenLifecycleTest {

    static final String LOGIN = "auth/approle/login";
    static final String RENEW = "auth/token/renew-self";
    static final String READ = "identity/entity/id/e-1";
    static final String INVALID_TOKEN = "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n";

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
                .sleeper(new RecordingSleeper(clock))
                .build();
    }

    @Test
    void appRoleLogsInOnceWithRoleIdAndSecretIdThenUsesTheIssuedToken() {
        vault.on(LOGIN, login("hvs.issued-1", 3600, true));
        VaultClient client = client(VaultAuth.appRole("role-123", "secret-456"));

        client.logical().read(READ);
        client.logical().read(READ);

        assertThat(vault.to(LOGIN)).singleElement().satisfies(r -> {
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getBody().utf8()).contains("\"role_id\":\"role-123\"", "\"secret_id\":\"secret-456\"");
            assertThat(r.getHeaders().get("X-Vault-Token")).isNull();
        });
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.issued-1", "hvs.issued-1");
    }

    @Test
    void secretIdIsReadFromItsFileAtEachLoginAndMountIsConfigurable() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret-id"), "from-file-secret\n");
        vault.on("auth/approle-prod/login", login("hvs.a", 3600, false));
        VaultClient client = client(VaultAuth.appRole("role-123", secretFile).mount("auth/approle-prod/"));

        client.logical().read(READ);

        assertThat(vault.to("auth/approle-prod/login").get(0).getBody().utf8())
                .contains("\"secret_id\":\"from-file-secret\"");
    }

    @Test
    void loginCarriesTheNamespace() {
        vault.on(LOGIN, login("hvs.a", 3600, false));
        VaultClient client = VaultClient.builder()
                .address(server.url("/").toString())
                .namespace("team-a")
                .auth(VaultAuth.appRole("r", "s"))
                .clock(clock)
                .build();

        client.logical().read(READ);

        assertThat(vault.to(LOGIN).get(0).getHeaders().get("X-Vault-Namespace")).isEqualTo("team-a");
    }

    @Test
    void renewableTokenIsRenewedAfterTwoThirdsOfItsTtl() {
        vault.on(LOGIN, login("hvs.t1", 300, true));
        vault.on(RENEW, login("hvs.t1", 300, true));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(150)); // half the TTL: nothing to do yet
        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(60)); // 210 s > 2/3 of 300 s
        client.logical().read(READ);

        assertThat(vault.to(LOGIN)).hasSize(1);
        assertThat(vault.tokensSentTo(RENEW)).containsExactly("hvs.t1");
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.t1", "hvs.t1", "hvs.t1");
    }

    @Test
    void renewalCappedByMaxTtlLeadsToAFreshLogin() {
        vault.on(LOGIN, login("hvs.t1", 300, true), login("hvs.t2", 300, true));
        vault.on(RENEW, login("hvs.t1", 40, true)); // Vault cut the renewal short: max TTL reached
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(210));
        client.logical().read(READ);

        assertThat(vault.to(RENEW)).hasSize(1);
        assertThat(vault.to(LOGIN)).hasSize(2);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.t1", "hvs.t2");
    }

    @Test
    void failedRenewalLeadsToAFreshLogin() {
        vault.on(LOGIN, login("hvs.t1", 300, true), login("hvs.t2", 300, true));
        vault.on(RENEW, errors(403, "permission denied"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(250));
        client.logical().read(READ);

        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.t1", "hvs.t2");
    }

    @Test
    void nonRenewableTokenIsReplacedByLoginWhenDue() {
        vault.on(LOGIN, login("hvs.t1", 300, false), login("hvs.t2", 300, false));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(298)); // inside the expiry margin: must not be sent
        client.logical().read(READ);

        assertThat(vault.to(RENEW)).isEmpty();
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.t1", "hvs.t2");
    }

    @Test
    void tokenRejectedAsInvalidCausesOneReloginAndTheRequestIsRetried() {
        vault.on(LOGIN, login("hvs.revoked", 3600, true), login("hvs.fresh", 3600, true));
        vault.on(READ, errors(403, INVALID_TOKEN), envelope("{\"id\":\"e-1\"}"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        String id = client.logical().read(READ).orElseThrow().data().get("id").asText();

        assertThat(id).isEqualTo("e-1");
        assertThat(vault.to(LOGIN)).hasSize(2);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.revoked", "hvs.fresh");
    }

    @Test
    void writeRejectedForAnInvalidTokenIsRepeatedWithTheNewToken() {
        vault.on(LOGIN, login("hvs.revoked", 3600, true), login("hvs.fresh", 3600, true));
        vault.on("identity/entity", errors(403, INVALID_TOKEN), envelope("{\"id\":\"e-9\"}"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        assertThat(client.logical().write("identity/entity", java.util.Map.of("name", "n")))
                .isPresent();
        assertThat(vault.tokensSentTo("identity/entity")).containsExactly("hvs.revoked", "hvs.fresh");
    }

    @Test
    void requestsRejectedTogetherShareOneRelogin() throws Exception {
        vault.on(
                LOGIN,
                login("hvs.revoked", 3600, true),
                login("hvs.fresh", 3600, true),
                login("hvs.third", 3600, true));
        vault.on(READ, errors(403, INVALID_TOKEN), errors(403, INVALID_TOKEN), envelope("{\"id\":\"e-1\"}"));
        CountDownLatch bothArrived = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        vault.gate(READ, bothArrived, release);
        VaultClient client = client(VaultAuth.appRole("r", "s"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> client.logical().read(READ));
            Future<?> b = pool.submit(() -> client.logical().read(READ));
            assertThat(bothArrived.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }

        assertThat(vault.to(LOGIN)).hasSize(2);
        assertThat(vault.tokensSentTo(READ))
                .containsExactlyInAnyOrder("hvs.revoked", "hvs.revoked", "hvs.fresh", "hvs.fresh");
    }

    @Test
    void onlyOneReloginWhenTheNewTokenIsRejectedToo() {
        vault.on(LOGIN, login("hvs.t1", 3600, true), login("hvs.t2", 3600, true), login("hvs.t3", 3600, true));
        vault.on(READ, errors(403, INVALID_TOKEN));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(vault.to(LOGIN)).hasSize(2);
        assertThat(vault.to(READ)).hasSize(2);
    }

    @Test
    void aclDenialIsReportedWithoutLoggingInAgain() {
        vault.on(LOGIN, login("hvs.t1", 3600, true));
        vault.on(READ, errors(403, "1 error occurred:\n\t* permission denied\n\n"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(vault.to(LOGIN)).hasSize(1);
        assertThat(vault.to(READ)).hasSize(1);
    }

    @Test
    void aclDenialOfALivingTokenCostsOneLookupButNoLogin() {
        vault.on(LOGIN, login("hvs.t1", 3600, true));
        vault.on(READ, errors(403, "permission denied"));
        vault.on("auth/token/lookup-self", envelope("{\"ttl\":3500}"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(vault.to(LOGIN)).hasSize(1);
        assertThat(vault.tokensSentTo("auth/token/lookup-self")).containsExactly("hvs.t1");
    }

    @Test
    void revokedTokenWithABarePermissionDeniedIsReplacedAsOpenBaoAnswersIt() {
        // OpenBao 2.7.2 sends no "invalid token" for a revoked token: lookup-self is refused too.
        vault.on(LOGIN, login("hvs.revoked", 3600, true), login("hvs.fresh", 3600, true));
        vault.on(READ, errors(403, "permission denied"), envelope("{\"id\":\"e-1\"}"));
        vault.on("auth/token/lookup-self", errors(403, "permission denied"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        assertThat(client.logical().read(READ)).isPresent();

        assertThat(vault.to(LOGIN)).hasSize(2);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.revoked", "hvs.fresh");
    }

    @Test
    void rejectedLoginIsAnAuthenticationFailure() {
        vault.on(LOGIN, errors(400, "invalid role or secret ID"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.path()).isEqualTo(LOGIN);
        assertThat(e.errors()).containsExactly("invalid role or secret ID");
        assertThat(vault.to(READ)).isEmpty();
    }

    @Test
    void failedLoginIsNotRepeatedForEveryRequestButIsRetriedLater() {
        vault.on(LOGIN, errors(400, "invalid role or secret ID"), login("hvs.ok", 3600, true));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        VaultException first = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));
        VaultException second = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));
        clock.advance(Duration.ofSeconds(2));
        client.logical().read(READ);

        assertThat(first.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        assertThat(second.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        assertThat(vault.to(LOGIN)).hasSize(2);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.ok");
    }

    @Test
    void failedEarlyRefreshKeepsTheValidTokenWithoutCallingVaultOnEveryRequest() {
        vault.on(LOGIN, login("hvs.t1", 300, false), errors(500, "storage unavailable"));
        VaultClient client = VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.appRole("r", "s"))
                .clock(clock)
                .retryPolicy(dev.vaultoidc.core.http.RetryPolicy.none())
                .build();

        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(210)); // refresh due, token still valid
        client.logical().read(READ); // refresh attempt fails; request still served
        client.logical().read(READ); // within the hold: no new login attempt
        clock.advance(Duration.ofSeconds(2));
        client.logical().read(READ); // hold over: try again

        assertThat(vault.to(LOGIN)).hasSize(3);
        assertThat(vault.tokensSentTo(READ)).containsOnly("hvs.t1").hasSize(4);
    }

    @Test
    void loginAnswerWithoutTokenIsMalformed() {
        vault.on(LOGIN, json(200, "{\"data\":{},\"auth\":null}"));
        VaultClient client = client(VaultAuth.appRole("r", "s"));

        assertThat(catchThrowableOfType(
                                VaultException.class, () -> client.logical().read(READ))
                        .reason())
                .isEqualTo(VaultErrorReason.MALFORMED_RESPONSE);
    }

    @Test
    void fiftyThreadsNeedingATokenCauseExactlyOneLogin() throws Exception {
        // The login answer is held back until every thread is waiting for a token.
        CountDownLatch allStarted = new CountDownLatch(50);
        vault.on(
                LOGIN,
                login("hvs.shared", 3600, true)
                        .newBuilder()
                        .headersDelay(300, TimeUnit.MILLISECONDS)
                        .build());
        VaultClient client = client(VaultAuth.appRole("r", "s"));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    allStarted.countDown();
                    allStarted.await();
                    return client.logical()
                            .read(READ)
                            .orElseThrow()
                            .data()
                            .get("id")
                            .asText();
                }));
            }
            for (Future<String> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("e-1");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(vault.to(LOGIN)).hasSize(1);
        assertThat(vault.tokensSentTo(READ)).hasSize(50).containsOnly("hvs.shared");
    }

    @Test
    void threadWithAValidTokenDoesNotWaitForAnotherThreadsRenewal() throws Exception {
        vault.on(LOGIN, login("hvs.t1", 300, true));
        vault.on(RENEW, login("hvs.t1", 300, true));
        CountDownLatch renewArrived = new CountDownLatch(1);
        CountDownLatch releaseRenewal = new CountDownLatch(1);
        vault.gate(RENEW, renewArrived, releaseRenewal);
        VaultClient client = client(VaultAuth.appRole("r", "s"));
        client.logical().read(READ);
        clock.advance(Duration.ofSeconds(210));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> renewing = pool.submit(() -> client.logical().read(READ));
            assertThat(renewArrived.await(30, TimeUnit.SECONDS)).isTrue();

            // The renewal is stuck at Vault; this read must still go through with the current token.
            Future<?> other = pool.submit(() -> client.logical().read(READ));
            other.get(30, TimeUnit.SECONDS);
            assertThat(renewing).isNotDone();

            releaseRenewal.countDown();
            renewing.get(30, TimeUnit.SECONDS);
        } finally {
            releaseRenewal.countDown();
            pool.shutdownNow();
        }
        assertThat(vault.to(RENEW)).hasSize(1);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.t1", "hvs.t1", "hvs.t1");
    }

    @Test
    void derivedClientSharesTheTokenInsteadOfLoggingInAgain() {
        vault.on(LOGIN, login("hvs.t1", 3600, true));
        VaultClient parent = client(VaultAuth.appRole("r", "s"));
        VaultClient child = parent.newBuilder().namespace("ns2").build();

        parent.logical().read(READ);
        child.logical().read(READ);

        assertThat(vault.to(LOGIN)).hasSize(1);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.t1", "hvs.t1");
    }
}
