package dev.vaultoidc.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.VaultClient;
import dev.vaultoidc.core.verify.RelyingPartyCheck;
import dev.vaultoidc.core.verify.TokenVerificationException;
import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.core.verify.VerificationFailure;
import dev.vaultoidc.core.verify.VerifiedToken;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The authorization-code flow end to end in Java, on the emulator and OpenBao: provision with
 * {@code providers().setUp}, authorize with an entity's Vault token, exchange the code, verify the ID token with
 * {@link TokenVerifier} and {@link RelyingPartyCheck}, call userinfo; then each way it must fail.
 */
class OidcProviderFlowTest {

    private static final String REDIRECT = "https://app.example.com/callback";

    /** One provisioned relying party with an assigned user. */
    private record Rp(
            VaultClient vault,
            String provider,
            OidcProviders.Setup setup,
            ProviderFixture.User user,
            OidcProviderEndpoints endpoints) {
        OidcProviderEndpoints.AuthorizeRequest request() {
            return OidcProviderEndpoints.AuthorizeRequest.code(setup.clientId(), REDIRECT, "openid");
        }
    }

    private static Rp provision(TestServer server) {
        VaultClient vault = ProviderFixture.root(server);
        ProviderFixture.User user = ProviderFixture.user(vault);
        String provider = ProviderFixture.unique("corp");
        OidcProviders.Setup setup = vault.identity()
                .oidc()
                .providers()
                .setUp(
                        provider,
                        ProviderFixture.unique("app"),
                        List.of(REDIRECT),
                        ProviderFixture.unique("staff"),
                        OidcAssignments.Request.entities(user.entityId()));
        return new Rp(vault, provider, setup, user, vault.oidcProvider(provider));
    }

    @BothServers
    void aFullCodeFlowEndsInAVerifiedIdTokenAndUserinfo(TestServer server) throws Exception {
        Rp rp = provision(server);
        String nonce = "nonce-" + ProviderFixture.unique("n");

        OidcProviderEndpoints.AuthorizationCode code = rp.endpoints()
                .authorize(rp.user().token(), rp.request().withState("state-1").withNonce(nonce));
        assertThat(code.state()).isEqualTo("state-1");
        assertThat(code.toString()).doesNotContain(code.code());

        OidcProviderEndpoints.Tokens tokens = rp.endpoints()
                .exchangeCode(rp.setup().clientId(), rp.setup().clientSecret(), code.code(), REDIRECT, null);
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.idToken()).isNotEmpty();
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.idToken());

        try (TokenVerifier verifier = TokenVerifier.builder()
                .vaultProvider(server.address(), rp.provider())
                .audiences(rp.setup().clientId())
                .build()) {
            assertThat(verifier.issuers()).containsExactly(rp.setup().issuer());
            VerifiedToken id =
                    RelyingPartyCheck.of(verifier).verify(tokens.idToken(), nonce, tokens.accessToken(), code.code());
            assertThat(id.subject()).isEqualTo(rp.user().entityId());
            assertThat(id.issuer()).isEqualTo(rp.setup().issuer());
            assertThat(id.audiences()).containsExactly(rp.setup().clientId());

            RelyingPartyCheck check = RelyingPartyCheck.of(verifier);
            assertThatThrownBy(() -> check.verify(tokens.idToken(), "another nonce", tokens.accessToken()))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.CLAIM_MISMATCH));
            assertThatThrownBy(() -> check.verify(tokens.idToken(), nonce, tokens.accessToken() + "x"))
                    .isInstanceOfSatisfying(
                            TokenVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(VerificationFailure.CLAIM_MISMATCH));
            assertThatThrownBy(() -> check.verify(tokens.idToken(), null, null))
                    .isInstanceOf(TokenVerificationException.class);
        }

        Map<String, Object> me = rp.endpoints().userinfo(tokens.accessToken());
        assertThat(me).containsEntry("sub", rp.user().entityId());

        // Vault's GET form of authorize gives an equally usable code.
        OidcProviderEndpoints.AuthorizationCode viaGet = rp.endpoints()
                .authorizeWithGet(
                        rp.user().token(), rp.request().withState("state-2").withNonce(nonce));
        assertThat(viaGet.state()).isEqualTo("state-2");
        assertThat(rp.endpoints()
                        .exchangeCode(rp.setup().clientId(), rp.setup().clientSecret(), viaGet.code(), REDIRECT, null)
                        .idToken())
                .isNotEmpty();
        oauthError(
                () -> rp.endpoints()
                        .authorizeWithGet(
                                rp.user().token(),
                                OidcProviderEndpoints.AuthorizeRequest.code(
                                        rp.setup().clientId(), "https://evil.example.com/callback", "openid")),
                400,
                "invalid_redirect_uri");
        oauthError(() -> rp.endpoints().userinfo("not-a-token"), 401, "invalid_token");
    }

    @BothServers
    void scopeClaimsReachTheIdTokenAndUserinfo(TestServer server) throws Exception {
        Rp rp = provision(server);
        OidcAdmin oidc = rp.vault().identity().oidc();
        String scope = ProviderFixture.unique("profile");
        oidc.scopes()
                .write(
                        scope,
                        OidcScopes.Request.template("{\"team\": \"platform\", \"who\": {{identity.entity.name}}}"));
        oidc.providers().write(rp.provider(), new OidcProviders.Request(null, null, List.of(scope)));
        String entityName = rp.vault()
                .identity()
                .entities()
                .read(rp.user().entityId())
                .orElseThrow()
                .name();

        OidcProviderEndpoints.AuthorizationCode code = rp.endpoints()
                .authorize(
                        rp.user().token(),
                        OidcProviderEndpoints.AuthorizeRequest.code(
                                rp.setup().clientId(), REDIRECT, "openid " + scope + " not-offered"));
        OidcProviderEndpoints.Tokens tokens = rp.endpoints()
                .exchangeCode(rp.setup().clientId(), rp.setup().clientSecret(), code.code(), REDIRECT, null);
        try (TokenVerifier verifier = TokenVerifier.builder()
                .vaultProvider(server.address(), rp.provider())
                .audiences(rp.setup().clientId())
                .build()) {
            VerifiedToken id = RelyingPartyCheck.of(verifier).verify(tokens.idToken(), null, tokens.accessToken());
            assertThat(id.stringClaim("team")).contains("platform");
            assertThat(id.stringClaim("who")).contains(entityName);
        }
        assertThat(rp.endpoints().userinfo(tokens.accessToken()))
                .containsEntry("team", "platform")
                .containsEntry("who", entityName)
                .containsEntry("sub", rp.user().entityId());
    }

    @BothServers
    void aPublicClientUsesPkce(TestServer server) throws Exception {
        Rp rp = provision(server);
        OidcClients clients = rp.vault().identity().oidc().clients();
        String name = ProviderFixture.unique("spa");
        clients.write(
                name,
                OidcClients.Request.builder()
                        .publicClient()
                        .redirectUris(REDIRECT)
                        .assignments(OidcAssignments.ALLOW_ALL)
                        .build());
        String clientId = clients.read(name).orElseThrow().clientId();
        rp.vault()
                .identity()
                .oidc()
                .providers()
                .write(
                        rp.provider(),
                        new OidcProviders.Request(null, List.of(rp.setup().clientId(), clientId), null));

        OidcProviderEndpoints.AuthorizeRequest plain =
                OidcProviderEndpoints.AuthorizeRequest.code(clientId, REDIRECT, "openid");
        oauthError(
                () -> rp.endpoints().authorize(rp.user().token(), plain),
                400,
                "invalid_request",
                "PKCE is required for public clients");

        OidcProviderEndpoints.Pkce pkce = OidcProviderEndpoints.Pkce.s256();
        assertThat(pkce.toString()).doesNotContain(pkce.verifier());
        OidcProviderEndpoints.AuthorizationCode code =
                rp.endpoints().authorize(rp.user().token(), plain.withPkce(pkce));
        OidcProviderEndpoints.Tokens tokens =
                rp.endpoints().exchangeCode(clientId, null, code.code(), REDIRECT, pkce.verifier());
        try (TokenVerifier verifier = TokenVerifier.builder()
                .vaultProvider(server.address(), rp.provider())
                .audiences(clientId)
                .build()) {
            assertThat(RelyingPartyCheck.of(verifier)
                            .verify(tokens.idToken(), null, tokens.accessToken())
                            .subject())
                    .isEqualTo(rp.user().entityId());
        }

        // The wrong verifier burns the code.
        OidcProviderEndpoints.AuthorizationCode second =
                rp.endpoints().authorize(rp.user().token(), plain.withPkce(OidcProviderEndpoints.Pkce.s256()));
        oauthError(
                () -> rp.endpoints().exchangeCode(clientId, null, second.code(), REDIRECT, pkce.verifier()),
                400,
                "invalid_grant",
                "invalid code_verifier for token exchange");
    }

    @BothServers
    void authorizeRefusesWhatVaultRefuses(TestServer server) {
        Rp rp = provision(server);
        String token = rp.user().token();
        oauthError(
                () -> rp.endpoints()
                        .authorize(
                                token,
                                OidcProviderEndpoints.AuthorizeRequest.code(
                                        rp.setup().clientId(), "https://evil.example.com/callback", "openid")),
                400,
                "invalid_redirect_uri",
                "redirect_uri is not allowed for the client");
        oauthError(
                () -> rp.endpoints()
                        .authorize(
                                token,
                                OidcProviderEndpoints.AuthorizeRequest.code("no-such-client", REDIRECT, "openid")),
                400,
                "invalid_client_id",
                "client with client_id not found");
        oauthError(
                () -> rp.endpoints()
                        .authorize(
                                token,
                                OidcProviderEndpoints.AuthorizeRequest.code(
                                        rp.setup().clientId(), REDIRECT, "profile")),
                400,
                "invalid_request",
                "scope parameter must contain the \"openid\" value");

        ProviderFixture.User outsider = ProviderFixture.user(rp.vault());
        oauthError(
                () -> rp.endpoints().authorize(outsider.token(), rp.request()),
                400,
                "access_denied",
                "identity entity not authorized by client assignment");
    }

    @BothServers
    void theTokenEndpointRefusesWhatVaultRefuses(TestServer server) {
        Rp rp = provision(server);
        String clientId = rp.setup().clientId();
        String secret = rp.setup().clientSecret();

        OidcProviderEndpoints.AuthorizationCode code =
                rp.endpoints().authorize(rp.user().token(), rp.request());
        // Client authentication fails before the code is looked up, so the code survives these two.
        oauthError(
                () -> rp.endpoints().exchangeCode(clientId, secret + "x", code.code(), REDIRECT, null),
                401,
                "invalid_client",
                "client failed to authenticate");
        oauthError(
                () -> rp.endpoints().exchangeCode("no-such-client", secret, code.code(), REDIRECT, null),
                401,
                "invalid_client",
                "client failed to authenticate");
        // From the lookup on, any outcome consumes the code.
        oauthError(
                () -> rp.endpoints().exchangeCode(clientId, secret, code.code(), REDIRECT + "/other", null),
                400,
                "invalid_grant",
                "redirect_uri does not match the redirect_uri used in the authorization request");
        oauthError(
                () -> rp.endpoints().exchangeCode(clientId, secret, code.code(), REDIRECT, null),
                400,
                "invalid_grant",
                "authorization grant is invalid or expired");

        OidcProviderEndpoints.AuthorizationCode fresh =
                rp.endpoints().authorize(rp.user().token(), rp.request());
        rp.endpoints().exchangeCode(clientId, secret, fresh.code(), REDIRECT, null);
        oauthError(
                () -> rp.endpoints().exchangeCode(clientId, secret, fresh.code(), REDIRECT, null),
                400,
                "invalid_grant",
                "authorization grant is invalid or expired");

        OidcProviderEndpoints.AuthorizationCode noPkce =
                rp.endpoints().authorize(rp.user().token(), rp.request());
        oauthError(
                () -> rp.endpoints().exchangeCode(clientId, secret, noPkce.code(), REDIRECT, "verifier"),
                400,
                "invalid_request",
                "unexpected code_verifier for token exchange");
    }

    private static void oauthError(ThrowingCallable call, int status, String error, String... description) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OidcProviderException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.error()).as(e.getMessage()).isEqualTo(error);
            if (description.length > 0) {
                assertThat(e.description()).isEqualTo(description[0]);
            }
        });
    }
}
