package dev.vaultoidc.core.auth;

import static dev.vaultoidc.core.http.Responses.envelope;
import static dev.vaultoidc.core.http.Responses.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token owned by another component (e.g. Spring Vault's SessionManager): used, followed, never managed. */
class ExternalTokenAuthTest {

    static final String READ = "identity/entity/id/e-1";
    static final String DEAD = "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final ScriptedVault vault = new ScriptedVault();
    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    final AtomicReference<String> owner = new AtomicReference<>("hvs.owned-1");
    final AtomicInteger asked = new AtomicInteger();

    @BeforeEach
    void setUp() {
        server.setDispatcher(vault);
        vault.on(READ, envelope("{\"id\":\"e-1\"}"));
    }

    private VaultClient client() {
        return VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.externalToken("test owner", () -> {
                    asked.incrementAndGet();
                    return owner.get();
                }))
                .clock(clock)
                .build();
    }

    @Test
    void usesTheOwnersTokenWithoutLoggingInLookingUpOrRenewing() {
        VaultClient client = client();

        client.logical().read(READ);
        clock.advance(Duration.ofDays(2));
        client.logical().read(READ);

        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.owned-1", "hvs.owned-1");
        assertThat(vault.to("auth/token/lookup-self")).isEmpty();
        assertThat(vault.to("auth/token/renew-self")).isEmpty();
    }

    @Test
    void followsATokenTheOwnerReplacedBeforeVaultRejectsTheOldOne() {
        VaultClient client = client();
        client.logical().read(READ);

        owner.set("hvs.owned-2");
        clock.advance(Duration.ofSeconds(2));
        client.logical().read(READ);

        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.owned-1", "hvs.owned-2");
    }

    @Test
    void asksTheOwnerAgainWhenVaultRejectsTheToken() {
        VaultClient client = client();
        client.token();
        client.token(); // the once-a-second look at the owner's token happens here
        owner.set("hvs.owned-2"); // within that second: only Vault's 403 reveals the change
        vault.on(READ, errors(403, DEAD), envelope("{\"id\":\"e-1\"}"));

        client.logical().read(READ);

        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.owned-1", "hvs.owned-2");
    }

    @Test
    void aRejectedTokenTheOwnerStillHandsOutIsPassedOnAsPermissionDenied() {
        VaultClient client = client();
        vault.on(READ, errors(403, DEAD));

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(vault.tokensSentTo(READ)).containsExactly("hvs.owned-1");
    }

    @Test
    void anOwnerFailureIsATypedAuthenticationFailureThatNamesTheSourceNotTheToken() {
        VaultClient client = VaultClient.builder()
                .address(server.url("/").toString())
                .auth(VaultAuth.externalToken("Spring Vault SessionManager", () -> {
                    throw new IllegalStateException("login failed");
                }))
                .clock(clock)
                .build();

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> client.logical().read(READ));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("Spring Vault SessionManager");
        assertThat(vault.to(READ)).isEmpty();
    }

    @Test
    void aBlankTokenIsAnAuthenticationFailureAndToStringShowsNoToken() {
        owner.set(" ");
        VaultClient client = client();

        assertThat(catchThrowableOfType(VaultException.class, client::token).reason())
                .isEqualTo(VaultErrorReason.AUTHENTICATION_FAILED);
        owner.set("hvs.secret-value");
        clock.advance(Duration.ofSeconds(2));
        assertThat(client.token()).isEqualTo("hvs.secret-value");
        assertThat(client.toString()).doesNotContain("hvs.secret-value");
    }
}
