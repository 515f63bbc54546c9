package dev.vaultoidc.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import dev.vaultoidc.emulator.junit.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filter's behaviour that only the emulator can provoke, so these tests do not run on OpenBao: an expired
 * token needs the emulator's clock moved forward (a real server's tokens would take 10 minutes to expire), and
 * a Vault whose keys are unavailable needs its fault injection (a real server cannot be told to answer 503).
 */
@ExtendWith(VaultEmulatorExtension.class)
class VaultOidcFilterEmulatorOnlyTest {
    private VaultEmulator vault;
    private VaultFixture fixture;
    private TokenVerifier verifier;
    private JettyApp app;

    @BeforeEach
    void setUp(VaultEmulator vault) {
        vault.reset();
        this.vault = vault;
        // On the emulator's clock, so moving time forward also keeps the workload's login valid.
        fixture = new VaultFixture(TestServer.of(vault), vault.clock());
        verifier = fixture.verifier();
    }

    @AfterEach
    void tearDown() throws Exception {
        vault.faults().clear();
        if (app != null) {
            app.close();
        }
        verifier.close();
    }

    private void start(UnaryOperator<VaultOidcFilter.Builder> config) throws Exception {
        VaultOidcFilter filter =
                config.apply(VaultOidcFilter.builder(verifier).realm("orders")).build();
        app = JettyApp.start(new FilterHolder(filter), EnumSet.of(DispatcherType.REQUEST));
    }

    @Test
    void expiredTokenIsInvalid() throws Exception {
        start(b -> b);
        String token = fixture.mint("api");
        assertThat(app.getWithToken("/orders", token).statusCode()).isEqualTo(200);

        vault.clock().advance(Duration.ofMinutes(12)); // ttl 10 min + 60 s skew, with room
        HttpResponse<String> r = app.getWithToken("/orders", token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"orders\", "
                        + "error=\"invalid_token\", error_description=\"The token has expired\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void vaultKeysUnavailableFromTheStartAnswers503WithRetryAfter() throws Exception {
        String token = fixture.mint("api");
        vault.faults().status("identity/oidc/.well-known/keys", 503, 0);
        start(b -> b.retryAfter(Duration.ofSeconds(7)).jsonErrors(true));

        HttpResponse<String> r;
        try (CapturedLogs logs = new CapturedLogs()) {
            r = app.getWithToken("/orders", token);
            assertThat(logs.messages())
                    .contains("WARN Answering 503 to GET /app/orders: Vault's keys are unavailable (KEYS_UNAVAILABLE)");
        }
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).contains("\"error\":\"temporarily_unavailable\"");
    }
}
