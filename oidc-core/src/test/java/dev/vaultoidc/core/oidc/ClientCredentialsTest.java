package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.issue.ClientCredentialsTokenSupplier;
import dev.vaultoidc.core.issue.IdTokenException;
import dev.vaultoidc.core.issue.IdTokenFailure;
import dev.vaultoidc.core.issue.IdTokenRequests;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerifiedToken;
import dev.vaultoidc.emulator.Flavour;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * OpenBao's client-credentials grant through {@link ClientCredentialsTokenSupplier}: on OpenBao itself and on the
 * emulator's OPENBAO flavour; the emulator's default (Vault) flavour shows that HashiCorp Vault has no such grant.
 */
class ClientCredentialsTest {

    /** A provider with a confidential client allowed to use client credentials. */
    private record Machine(String provider, String clientId, String clientSecret) {}

    private static Machine provision(VaultClient vault, boolean clientCredentials) {
        OidcAdmin oidc = vault.identity().oidc();
        String client = ProviderFixture.unique("machine");
        OidcClients.Request.Builder request = OidcClients.Request.builder().assignments(OidcAssignments.ALLOW_ALL);
        if (clientCredentials) {
            request.clientCredentials(true);
        }
        oidc.clients().write(client, request.build());
        OidcClients.Client c = oidc.clients().read(client).orElseThrow();
        String provider = ProviderFixture.unique("machines");
        oidc.providers().write(provider, OidcProviders.Request.allowing(c.clientId()));
        return new Machine(provider, c.clientId(), c.clientSecret());
    }

    @BothServers
    void tokensAreCachedSharedAndVerifiable(TestServer server) throws Exception {
        if (server.isEmulator()) {
            // @BothServers' emulator answers like Vault; the grant exists only in the OPENBAO flavour.
            try (VaultEmulator openbaoFlavour =
                    VaultEmulator.builder().flavour(Flavour.OPENBAO).build().start()) {
                checkTokens(TestServer.of(openbaoFlavour));
            }
        } else {
            checkTokens(server);
        }
    }

    private static void checkTokens(TestServer server) throws Exception {
        VaultClient vault = ProviderFixture.root(server);
        Machine m = provision(vault, true);
        assertThat(vault.identity().oidc().clients().listDetailed())
                .filteredOn(c -> c.clientId().equals(m.clientId()))
                .singleElement()
                .satisfies(c -> assertThat(c.clientCredentials()).isTrue());

        try (ClientCredentialsTokenSupplier tokens = ClientCredentialsTokenSupplier.builder(
                                vault.oidcProvider(m.provider()), m.clientId(), m.clientSecret())
                        .build();
                TokenVerifier verifier = TokenVerifier.builder()
                        .vaultProvider(server.address(), m.provider())
                        .audiences(m.clientId())
                        .build()) {
            assertThat(tokens.toString()).doesNotContain(m.clientSecret());

            // Many threads at once: one grant, one token for all.
            Set<String> seen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 16; i++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        seen.add(tokens.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).hasSize(1);
            String token = seen.iterator().next();
            assertThat(tokens.get()).isEqualTo(token);
            if (server.isEmulator()) {
                assertThat(server.emulator().requestCount("identity/oidc/provider/" + m.provider() + "/token"))
                        .isEqualTo(1);
            }

            VerifiedToken verified = verifier.verify(token);
            assertThat(verified.subject()).isEqualTo(m.clientId());
            assertThat(verified.audiences()).containsExactly(m.clientId());
            assertThat(verified.issuer()).isEqualTo(server.address() + "/v1/identity/oidc/provider/" + m.provider());
            assertThat(verified.stringClaim("jti")).isPresent();

            // The same outbound helpers as ID tokens.
            HttpRequest out = IdTokenRequests.forHosts(tokens, "billing.internal")
                    .authorize(HttpRequest.newBuilder(URI.create("https://billing.internal/api"))
                            .build());
            assertThat(out.headers().firstValue("Authorization")).contains("Bearer " + token);
        }

        // A client without the grant enabled is refused by OpenBao: the supplier reports a rejection.
        Machine noGrant = provision(vault, false);
        try (ClientCredentialsTokenSupplier tokens = ClientCredentialsTokenSupplier.builder(
                        vault.oidcProvider(noGrant.provider()), noGrant.clientId(), noGrant.clientSecret())
                .build()) {
            assertThatThrownBy(tokens::get).isInstanceOfSatisfying(IdTokenException.class, e -> {
                assertThat(e.reason()).isEqualTo(IdTokenFailure.VAULT_REJECTED);
                assertThat(e.getMessage())
                        .contains("client is not authorized to use given credentials flow")
                        .doesNotContain(noGrant.clientSecret());
            });
        }
    }

    @BothServers
    void vaultHasNoClientCredentialsGrant(TestServer server) {
        if (!server.isEmulator()) {
            return; // OpenBao has the grant: covered above
        }
        VaultClient vault = ProviderFixture.root(server);
        Machine m = provision(vault, false);
        assertThatThrownBy(() ->
                        vault.oidcProvider(m.provider()).clientCredentials(m.clientId(), m.clientSecret(), "openid"))
                .isInstanceOfSatisfying(OidcProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("unsupported_grant_type");
                });
        assertThat(List.of(m.clientId())).isNotEmpty();
    }
}
