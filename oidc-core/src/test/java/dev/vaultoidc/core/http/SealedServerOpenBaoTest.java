package dev.vaultoidc.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.testing.RequestCounter;
import dev.vaultoidc.emulator.EmulatorClock;
import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries against a real 503: a sealed OpenBao answers every request with 503 "Vault is sealed". OpenBao only,
 * and in a class of its own: the emulator fakes a 503 only by fault injection (see {@link RetryTest}), and a dev
 * server's unseal key is not given to tests, so the server stays sealed for the rest of this class.
 */
@OpenBaoServer
class SealedServerOpenBaoTest {

    OpenBao bao;

    @Test
    void sealedServerIsRetriedThenReportedUnavailable() {
        VaultClient root = VaultClient.builder()
                .address(bao.address())
                .auth(VaultAuth.token(bao.rootToken()))
                .build();
        root.logical().write("sys/seal", Map.of());
        RequestCounter requests = new RequestCounter();
        EmulatorClock clock = EmulatorClock.system();
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        VaultClient client = VaultClient.builder()
                .address(bao.address())
                .auth(VaultAuth.token(bao.rootToken()))
                .okHttpClient(requests.http())
                .clock(clock)
                .sleeper(sleeper)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(3)
                        .initialBackoff(Duration.ofMillis(100))
                        .build())
                .build();

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read("identity/entity/name/x"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.UNAVAILABLE);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errors()).containsExactly("Vault is sealed");
        assertThat(requests.count("identity/entity/name/x")).isEqualTo(3);
        assertThat(sleeper.sleeps).hasSize(2);
    }
}
