package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.http.VaultErrorReason;
import dev.vaultoidc.core.http.VaultException;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.time.Duration;
import java.util.List;

/** Every object operation of the OIDC provider admin API, on the emulator and on OpenBao (spec §9.1–§9.7). */
class OidcProviderAdminTest {

    @BothServers
    void assignmentsAreWrittenReadListedAndDeleted(TestServer server) {
        OidcAssignments assignments =
                ProviderFixture.root(server).identity().oidc().assignments();
        String name = ProviderFixture.unique("asg");

        assignments.write(name, new OidcAssignments.Request(List.of("E2", "e1", "e1"), List.of("g1")));
        OidcAssignments.Assignment read = assignments.read(name).orElseThrow();
        // Vault sorts, de-duplicates and lower-cases the IDs.
        assertThat(read.entityIds()).containsExactly("e1", "e2");
        assertThat(read.groupIds()).containsExactly("g1");

        // An update that sends only entity_ids keeps group_ids (NON_NULL request).
        assignments.write(name, new OidcAssignments.Request(List.of("e3"), null));
        assertThat(assignments.read(name).orElseThrow().groupIds()).containsExactly("g1");
        assertThat(assignments.read(name).orElseThrow().entityIds()).containsExactly("e3");

        assertThat(assignments.list()).contains(name, OidcAssignments.ALLOW_ALL);
        assertThat(assignments.read(OidcAssignments.ALLOW_ALL).orElseThrow().entityIds())
                .containsExactly("*");
        assertThatThrownBy(() -> assignments.delete(OidcAssignments.ALLOW_ALL))
                .isInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).errors())
                        .containsExactly("deletion of assignment \"allow_all\" not allowed"));

        assignments.delete(name);
        assertThat(assignments.read(name)).isEmpty();
        assignments.delete(name); // absent: no error
    }

    @BothServers
    void scopesAreWrittenReadListedAndDeleted(TestServer server) {
        OidcScopes scopes = ProviderFixture.root(server).identity().oidc().scopes();
        String name = ProviderFixture.unique("scope");
        String template = "{\"groups\": {{identity.entity.groups.names}}}";

        scopes.write(name, new OidcScopes.Request(template, "group names"));
        assertThat(scopes.read(name)).contains(new OidcScopes.Scope(name, template, "group names"));
        scopes.write(name, new OidcScopes.Request(null, "changed"));
        assertThat(scopes.read(name).orElseThrow().template()).isEqualTo(template);
        assertThat(scopes.list()).contains(name);

        assertThatThrownBy(() -> scopes.write(OidcScopes.OPENID, OidcScopes.Request.template("{}")))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultErrorReason.INVALID_REQUEST);
                    assertThat(e.errors()).containsExactly("the \"openid\" scope name is reserved");
                });
        scopes.delete(name);
        assertThat(scopes.read(name)).isEmpty();
    }

    @BothServers
    void clientsAreWrittenReadListedAndDeletedWithTheSecretRedacted(TestServer server) {
        OidcAdmin oidc = ProviderFixture.root(server).identity().oidc();
        OidcClients clients = oidc.clients();
        String name = ProviderFixture.unique("client");

        clients.write(
                name,
                OidcClients.Request.builder()
                        .redirectUris("https://app.example.com/cb")
                        .assignments(OidcAssignments.ALLOW_ALL)
                        .idTokenTtl(Duration.ofMinutes(30))
                        .build());
        OidcClients.Client c = clients.read(name).orElseThrow();
        assertThat(c.key()).isEqualTo(OidcClients.DEFAULT_KEY);
        assertThat(c.clientType()).isEqualTo("confidential");
        assertThat(c.isConfidential()).isTrue();
        assertThat(c.idTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.accessTokenTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.clientId()).hasSize(32);
        assertThat(c.clientSecret()).startsWith("hvo_secret_").hasSize(75);
        assertThat(c.toString()).doesNotContain(c.clientSecret()).contains("<redacted>");

        // Update: only the sent field changes, and the ID and secret stay.
        clients.write(
                name,
                OidcClients.Request.builder()
                        .accessTokenTtl(Duration.ofMinutes(5))
                        .build());
        OidcClients.Client updated = clients.read(name).orElseThrow();
        assertThat(updated.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(updated.idTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(updated.clientId()).isEqualTo(c.clientId());
        assertThat(updated.clientSecret()).isEqualTo(c.clientSecret());
        assertThat(updated.redirectUris()).containsExactly("https://app.example.com/cb");

        assertThat(clients.list()).contains(name);
        OidcClients.Client listed = clients.listDetailed().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(listed.clientId()).isEqualTo(c.clientId());
        assertThat(listed.clientSecret()).isEmpty(); // lists never carry secrets

        assertThatThrownBy(() -> clients.write(
                        name, OidcClients.Request.builder().publicClient().build()))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors()).containsExactly("client_type modification is not allowed"));

        // An assignment a client uses cannot be deleted.
        String asg = ProviderFixture.unique("asg");
        oidc.assignments().write(asg, OidcAssignments.Request.entities("x"));
        clients.write(name, OidcClients.Request.builder().assignments(asg).build());
        assertThatThrownBy(() -> oidc.assignments().delete(asg))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors())
                                .containsExactly("unable to delete assignment \"" + asg
                                        + "\" because it is currently referenced by these clients: " + name));

        clients.delete(name);
        assertThat(clients.read(name)).isEmpty();
        oidc.assignments().delete(asg);
    }

    @BothServers
    void publicClientsHaveNoSecret(TestServer server) {
        OidcClients clients = ProviderFixture.root(server).identity().oidc().clients();
        String name = ProviderFixture.unique("spa");
        clients.write(
                name,
                OidcClients.Request.builder()
                        .publicClient()
                        .redirectUris("http://127.0.0.1:8250/cb")
                        .build());
        OidcClients.Client c = clients.read(name).orElseThrow();
        assertThat(c.clientType()).isEqualTo("public");
        assertThat(c.clientSecret()).isEmpty();
        clients.delete(name);
    }

    @BothServers
    void providersAreWrittenReadListedFilteredAndDeleted(TestServer server) {
        VaultClient vault = ProviderFixture.root(server);
        OidcAdmin oidc = vault.identity().oidc();
        OidcProviders providers = oidc.providers();
        String scope = ProviderFixture.unique("scope");
        oidc.scopes().write(scope, OidcScopes.Request.template("{\"team\": \"a\"}"));
        String name = ProviderFixture.unique("prov");
        String clientId = ProviderFixture.unique("cid");

        assertThat(providers.write(name, new OidcProviders.Request(null, List.of(clientId), List.of(scope))))
                .isEmpty();
        OidcProviders.Provider p = providers.read(name).orElseThrow();
        assertThat(p.issuer()).isEqualTo(server.address() + "/v1/identity/oidc/provider/" + name);
        assertThat(p.allowedClientIds()).containsExactly(clientId);
        assertThat(p.scopesSupported()).containsExactly(scope);

        // The built-in default provider allows every client.
        assertThat(providers.read(OidcProviders.DEFAULT).orElseThrow().allowedClientIds())
                .containsExactly("*");
        assertThat(providers.list()).contains(name, OidcProviders.DEFAULT).isSorted();
        assertThat(providers.listDetailed())
                .extracting(OidcProviders.Provider::name)
                .contains(name);
        assertThat(providers.listAllowing(clientId))
                .extracting(OidcProviders.Provider::name)
                .contains(name);
        assertThat(providers.listAllowing("someone-else"))
                .extracting(OidcProviders.Provider::name)
                .doesNotContain(name);

        OidcProviders.Discovery d = providers.discovery(name);
        assertThat(d.issuer()).isEqualTo(p.issuer());
        assertThat(d.jwksUri()).isEqualTo(p.issuer() + "/.well-known/keys");
        assertThat(d.tokenEndpoint()).isEqualTo(p.issuer() + "/token");
        assertThat(d.scopesSupported()).contains(scope, "openid");
        assertThat(d.responseTypesSupported()).containsExactly("code");
        assertThat(providers.keys(name).getKeys()).isEmpty(); // its only client ID does not exist

        // A scope a provider lists cannot be deleted.
        assertThatThrownBy(() -> oidc.scopes().delete(scope)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> providers.delete(OidcProviders.DEFAULT))
                .isInstanceOfSatisfying(
                        VaultException.class,
                        e -> assertThat(e.errors())
                                .containsExactly("deletion of OIDC provider \"default\" not allowed"));
        assertThatThrownBy(() -> providers.discovery(ProviderFixture.unique("none")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultErrorReason.NOT_FOUND));

        providers.delete(name);
        assertThat(providers.read(name)).isEmpty();
        oidc.scopes().delete(scope);
    }

    @BothServers
    void setUpIsIdempotentAndReturnsWhatARelyingPartyNeeds(TestServer server) {
        OidcAdmin oidc = ProviderFixture.root(server).identity().oidc();
        String provider = ProviderFixture.unique("corp");
        String client = ProviderFixture.unique("wiki");
        String assignment = ProviderFixture.unique("wiki-users");

        OidcProviders.Setup first = oidc.providers()
                .setUp(
                        provider,
                        client,
                        List.of("https://wiki.example.com/cb"),
                        assignment,
                        OidcAssignments.Request.entities("e1"));
        OidcProviders.Setup again = oidc.providers()
                .setUp(
                        provider,
                        client,
                        List.of("https://wiki.example.com/cb"),
                        assignment,
                        OidcAssignments.Request.entities("e1"));

        assertThat(again).isEqualTo(first);
        assertThat(first.issuer()).isEqualTo(server.address() + "/v1/identity/oidc/provider/" + provider);
        assertThat(first.toString()).doesNotContain(first.clientSecret());
        assertThat(oidc.providers().read(provider).orElseThrow().allowedClientIds())
                .containsExactly(first.clientId());
        assertThat(oidc.clients().read(client).orElseThrow().assignments()).containsExactly(assignment);
        assertThat(oidc.assignments().read(assignment).orElseThrow().entityIds())
                .containsExactly("e1");
        assertThat(oidc.providers().keys(provider).getKeys()).isNotEmpty();
    }
}
