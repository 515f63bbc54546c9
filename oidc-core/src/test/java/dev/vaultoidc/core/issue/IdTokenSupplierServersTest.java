package dev.vaultoidc.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.vaultoidc.core.ManualScheduler;
import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.oidc.OidcAdmin;
import dev.vaultoidc.core.oidc.OidcFixture;
import dev.vaultoidc.core.testing.RequestCounter;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.EmulatorClock;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/**
 * The supplier against the emulator and OpenBao: single flight, caching, Vault's refusal, close. What needs
 * the server's clock or injected faults (refresh instants, outages) is in {@link IdTokenSupplierTest}.
 */
class IdTokenSupplierServersTest {

    private static final String MINT = "identity/oidc/token/r";

    private OidcFixture fx;
    private VaultClient workload;
    private RequestCounter requests;
    private String clientId;

    @BeforeEach
    void setUp(TestServer server) {
        fx = new OidcFixture(Sandbox.open(server));
        fx.keyAndRole("r", OidcAdmin.KeyAlgorithm.ES256, Duration.ofMinutes(30));
        clientId = fx.admin.readRole("r").orElseThrow().clientId();
        VaultClient loggedIn = fx.workload("web");
        // The same workload token, through a client that counts what it sends.
        requests = new RequestCounter();
        workload = fx.sandbox
                .builder()
                .auth(VaultAuth.token(loggedIn.token()))
                .okHttpClient(requests.http())
                .build();
    }

    @BothServers
    void hundredThreadsShareOneVaultCall(TestServer server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (IdTokenSupplier supplier = workload.idTokens("r").build()) {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return supplier.get();
                }));
            }
            go.countDown();
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            for (Future<String> f : results) {
                tokens.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(tokens).hasSize(1);
            assertThat(requests.count(MINT)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @BothServers
    void servesTheCachedTokenWithTheRolesAudienceAndLifetime(TestServer server) throws Exception {
        EmulatorClock clock = EmulatorClock.system();
        try (IdTokenSupplier supplier = workload.idTokens("r")
                .clock(clock)
                .scheduler(new ManualScheduler(clock))
                .build()) {
            String first = supplier.get();

            assertThat(supplier.get()).isEqualTo(first);
            assertThat(requests.count(MINT)).isEqualTo(1);
            assertThat(supplier.current().lifetime()).isEqualTo(Duration.ofMinutes(30));
            assertThat(SignedJWT.parse(first).getJWTClaimsSet().getAudience()).containsExactly(clientId);
            assertThat(supplier.toString()).doesNotContain(first);
        }
    }

    @BothServers
    void missingRoleIsRejectedWithVaultsMessage(TestServer server) {
        try (IdTokenSupplier missing = workload.idTokens("nope").build()) {
            assertThatThrownBy(missing::get).isInstanceOfSatisfying(IdTokenException.class, e -> {
                assertThat(e.reason()).isEqualTo(IdTokenFailure.VAULT_REJECTED);
                assertThat(e.vaultFailure().orElseThrow().errors()).containsExactly("role \"nope\" not found");
            });
        }
    }

    @BothServers
    void closeFailsLaterCalls(TestServer server) {
        IdTokenSupplier supplier = workload.idTokens("r").build();
        assertThat(supplier.get()).isNotBlank();

        supplier.close();

        assertThatThrownBy(supplier::get)
                .isInstanceOfSatisfying(
                        IdTokenException.class, e -> assertThat(e.reason()).isEqualTo(IdTokenFailure.CLOSED));
    }
}
