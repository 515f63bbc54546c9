package dev.vaultoidc.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.testing.RequestCounter;
import dev.vaultoidc.core.testing.Sandbox;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The client's reading of real answers, on the emulator and on OpenBao: errors with real bodies, the 404 that
 * means "none", LIST in both modes, and that a 4xx is never retried. The scripted corner cases (429, 5xx,
 * garbage bodies, timeouts) are in {@link VaultErrorsTest} and {@link RetryTest} against MockWebServer.
 */
class VaultClientServersTest {

    private Sandbox vault;
    private VaultOperations root;

    @BeforeEach
    void setUp(TestServer server) {
        vault = Sandbox.open(server);
        root = vault.logical();
    }

    @BothServers
    void absentThingsAreEmptyNotErrors(TestServer server) {
        assertThat(root.read("identity/entity/id/00000000-0000-0000-0000-000000000000"))
                .isEmpty();
        assertThat(root.read("identity/oidc/key/nope")).isEmpty();
        // Vault answers an empty LIST with 404 {"errors":[]}: that is an empty list, in both modes.
        assertThat(root.list("identity/group/name").keys()).isEmpty();
        assertThat(root.list("identity/group/name", ListMode.GET_WITH_LIST_QUERY)
                        .keys())
                .isEmpty();
    }

    @BothServers
    void listsInBothModes(TestServer server) {
        root.write("identity/entity", Map.of("name", "b"));
        root.write("identity/entity", Map.of("name", "a"));

        assertThat(root.list("identity/entity/name").keys()).containsExactlyInAnyOrder("a", "b");
        assertThat(root.list("identity/entity/name", ListMode.GET_WITH_LIST_QUERY)
                        .keys())
                .containsExactlyInAnyOrder("a", "b");
    }

    @BothServers
    void aBadTokenIsPermissionDeniedAndNotRetried(TestServer server) {
        RequestCounter requests = new RequestCounter();
        VaultClient stranger = vault.builder()
                .auth(VaultAuth.token("not-a-real-token"))
                .okHttpClient(requests.http())
                .build();

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> stranger.logical().read("identity/entity/name/a"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.PERMISSION_DENIED);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("permission denied"));
        assertThat(e.getMessage()).doesNotContain("not-a-real-token");
        assertThat(requests.count("identity/entity/name/a")).isEqualTo(1);
    }

    @BothServers
    void aFieldOfTheWrongTypeIsAnInvalidRequestWithVaultsText(TestServer server) {
        VaultException e = catchThrowableOfType(
                VaultException.class,
                () -> root.write("identity/entity", Map.of("name", "x", "policies", Map.of("a", 1))));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
        assertThat(e.status()).isEqualTo(400);
        // Vault quotes the input ("error converting input map[a:1] for field"); OpenBao does not.
        assertThat(e.errors())
                .singleElement()
                .asString()
                .startsWith("Field validation failed: error converting input")
                .contains("for field \"policies\"");
    }

    @BothServers
    void anUnknownPathIsNotFoundWithVaultsTextNotAnEmptyAnswer(TestServer server) {
        // A 404 that carries an error is a wrong path, not an absent object: both servers say "unsupported path".
        VaultException read = catchThrowableOfType(VaultException.class, () -> root.read("identity/no-such-thing/x"));
        assertThat(read.reason()).isEqualTo(VaultErrorReason.NOT_FOUND);
        assertThat(read.errors()).singleElement().asString().contains("unsupported path");

        VaultException write = catchThrowableOfType(
                VaultException.class, () -> root.write("identity/no-such-thing/x", Map.of("a", "b")));
        assertThat(write.reason()).isEqualTo(VaultErrorReason.NOT_FOUND);
    }
}
