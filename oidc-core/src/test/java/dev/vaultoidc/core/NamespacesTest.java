package dev.vaultoidc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaultoidc.core.auth.VaultAuth;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.core.identity.Entities;
import dev.vaultoidc.core.identity.EntityRequest;
import dev.vaultoidc.openbao.OpenBao;
import dev.vaultoidc.openbao.OpenBaoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Namespaces on a real server. OpenBao only: it has namespaces (since 2.3, also in its dev server), while the
 * emulator, like Vault CE, has only the root namespace and ignores {@code X-Vault-Namespace}.
 */
@OpenBaoServer
class NamespacesTest {

    OpenBao bao;

    private VaultClient root() {
        return VaultClient.builder()
                .address(bao.address())
                .auth(VaultAuth.token(bao.rootToken()))
                .build();
    }

    @Test
    void derivedClientsSeeOnlyTheirOwnNamespaceIncludingNestedOnes() {
        VaultClient root = root();
        root.logical().write("sys/namespaces/team-a", Map.of());
        VaultClient teamA = root.newBuilder().namespace("team-a").build();
        teamA.logical().write("sys/namespaces/sub", Map.of());
        VaultClient sub = root.newBuilder().namespace("team-a/sub").build();

        String inA = teamA.identity()
                .entities()
                .createOrUpdate(EntityRequest.builder().name("svc").build())
                .orElseThrow()
                .id();
        String inSub = sub.identity()
                .entities()
                .createOrUpdate(EntityRequest.builder().name("svc").build())
                .orElseThrow()
                .id();

        assertThat(inA).isNotEqualTo(inSub);
        Entities a = teamA.identity().entities();
        assertThat(a.listNames()).containsExactly("svc");
        assertThat(a.read(inSub)).isEmpty();
        assertThat(sub.identity().entities().readByName("svc")).map(e -> e.id()).contains(inSub);
        assertThat(root.identity().entities().readByName("svc")).isEmpty();
        assertThat(teamA.namespace()).contains("team-a");
        assertThat(root.namespace()).isEmpty();
    }

    @Test
    void aNamespaceThatDoesNotExistIsATypedNotFound() {
        VaultClient nowhere = root().newBuilder().namespace("no-such-namespace").build();

        VaultException e = catchThrowableOfType(
                VaultException.class, () -> nowhere.identity().entities().readByName("svc"));

        assertThat(e.reason()).isEqualTo(VaultErrorReason.NOT_FOUND);
        assertThat(e.errors()).containsExactly("namespace not found");
    }
}
