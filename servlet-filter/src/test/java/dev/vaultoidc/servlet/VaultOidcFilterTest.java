package dev.vaultoidc.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.junit.BothServers;
import dev.vaultoidc.emulator.junit.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;

/**
 * The filter built in code, in a real Jetty 12, verifying real tokens minted by the server: every test runs
 * against the emulator and against OpenBao. Tests that need the emulator's clock or faults are in
 * {@link VaultOidcFilterEmulatorOnlyTest}.
 */
class VaultOidcFilterTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String REALM = "orders";

    // Each server is prepared once (VaultFixture.of): tests only mint tokens.
    private VaultFixture fixture;
    private TokenVerifier verifier;
    private JettyApp app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        if (verifier != null) {
            verifier.close();
        }
    }

    private JettyApp start(TestServer server, UnaryOperator<VaultOidcFilter.Builder> config) throws Exception {
        return start(server, config, EnumSet.of(DispatcherType.REQUEST));
    }

    private JettyApp start(
            TestServer server, UnaryOperator<VaultOidcFilter.Builder> config, EnumSet<DispatcherType> dispatches)
            throws Exception {
        fixture = VaultFixture.of(server);
        verifier = fixture.verifier();
        VaultOidcFilter filter =
                config.apply(VaultOidcFilter.builder(verifier).realm(REALM)).build();
        app = JettyApp.start(new FilterHolder(filter), dispatches);
        return app;
    }

    private static void assertRejected(HttpResponse<String> r, int status, String challenge) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @BothServers
    void validTokenReachesTheServletWithPrincipalRolesAndAttribute(TestServer server) throws Exception {
        start(server, b -> b);
        HttpResponse<String> r = app.getWithToken("/orders", fixture.mint("api"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "principal=" + fixture.entityId + "\n",
                        "remoteUser=" + fixture.entityId + "\n",
                        "authType=Bearer\n",
                        "admins=true\n",
                        "auditors=false\n",
                        "attribute=" + fixture.entityId + "\n");
    }

    @BothServers
    void bearerSchemeIsCaseInsensitive(TestServer server) throws Exception {
        start(server, b -> b);
        HttpResponse<String> r = app.get("/orders", "Authorization", "bEaReR " + fixture.mint("api"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("principal=" + fixture.entityId);
    }

    @BothServers
    void requestWithoutTokenGets401WithoutErrorCode(TestServer server) throws Exception {
        start(server, b -> b);
        assertRejected(app.get("/orders"), 401, "Bearer realm=\"orders\"");
        // Another scheme is not a bearer token: same answer, so the client learns which scheme to use.
        assertRejected(app.get("/orders", "Authorization", "Basic dXNlcjpwYXNz"), 401, "Bearer realm=\"orders\"");
    }

    @BothServers
    void bearerWithoutTokenIsAnInvalidRequest(TestServer server) throws Exception {
        start(server, b -> b);
        assertRejected(
                app.get("/orders", "Authorization", "Bearer"),
                400,
                "Bearer realm=\"orders\", "
                        + "error=\"invalid_request\", error_description=\"The Bearer scheme was sent without a token\"");
    }

    @BothServers
    void tokenOutsideTheB64TokenGrammarIsAnInvalidRequest(TestServer server) throws Exception {
        start(server, b -> b);
        String token = fixture.mint("api");
        String expected = "Bearer realm=\"orders\", error=\"invalid_request\", "
                + "error_description=\"The bearer token is not a valid b64token\"";
        assertRejected(app.get("/orders", "Authorization", "Bearer " + token + " extra"), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer \"" + token + "\""), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer ab=c"), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer\t" + token), 400, expected);
    }

    @BothServers
    void severalAuthorizationHeadersAreAnInvalidRequest(TestServer server) throws Exception {
        start(server, b -> b);
        String token = fixture.mint("api");
        assertRejected(
                app.get("/orders", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token),
                400,
                "Bearer realm=\"orders\", error=\"invalid_request\", "
                        + "error_description=\"Several Authorization headers were sent\"");
    }

    @BothServers
    void tokenSentByTwoMethodsIsAnInvalidRequest(TestServer server) throws Exception {
        start(server, b -> b.headerName("X-Id-Token"));
        String token = fixture.mint("api");
        String expected = "Bearer realm=\"orders\", error=\"invalid_request\", "
                + "error_description=\"The token was sent by more than one method\"";
        assertRejected(app.get("/orders?access_token=" + token, "Authorization", "Bearer " + token), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer " + token, "X-Id-Token", token), 400, expected);
        assertRejected(
                app.get("/orders?access_token=" + token),
                400,
                "Bearer realm=\"orders\", "
                        + "error=\"invalid_request\", error_description=\"Tokens in the query string are not accepted\"");
    }

    @BothServers
    void configuredOtherHeaderCarriesTheToken(TestServer server) throws Exception {
        start(server, b -> b.headerName("X-Id-Token"));
        assertThat(app.get("/orders", "X-Id-Token", fixture.mint("api")).body())
                .contains("principal=" + fixture.entityId);
        assertThat(app.get("/orders", "x-id-token", "Bearer " + fixture.mint("api"))
                        .statusCode())
                .isEqualTo(200);
    }

    @BothServers
    void tokenForAnotherAudienceIsInvalid(TestServer server) throws Exception {
        start(server, b -> b);
        assertRejected(
                app.getWithToken("/orders", fixture.mint("other")),
                401,
                "Bearer realm=\"orders\", "
                        + "error=\"invalid_token\", error_description=\"The token audience is not accepted\"");
    }

    @BothServers
    void tamperedSignatureIsInvalid(TestServer server) throws Exception {
        start(server, b -> b);
        String token = fixture.mint("api");
        int i = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);

        assertRejected(
                app.getWithToken("/orders", tampered),
                401,
                "Bearer realm=\"orders\", "
                        + "error=\"invalid_token\", error_description=\"The token signature is invalid\"");
    }

    @BothServers
    void garbageTokenIsInvalidNotAServerError(TestServer server) throws Exception {
        start(server, b -> b);
        assertRejected(
                app.getWithToken("/orders", "abc.def.ghi"),
                401,
                "Bearer realm=\"orders\", " + "error=\"invalid_token\", error_description=\"The token is malformed\"");
    }

    @BothServers
    void missingRequiredRoleIsForbidden(TestServer server) throws Exception {
        start(server, b -> b.requiredRoles("admins", "auditors"));
        assertRejected(
                app.getWithToken("/orders", fixture.mint("api")),
                403,
                "Bearer realm=\"orders\", "
                        + "error=\"insufficient_scope\", error_description=\"The token lacks a required role\"");
    }

    @BothServers
    void requiredRolePresentIsAllowed(TestServer server) throws Exception {
        start(server, b -> b.requiredRoles("admins"));
        assertThat(app.getWithToken("/orders", fixture.mint("api")).statusCode())
                .isEqualTo(200);
    }

    @BothServers
    void missingRequiredClaimIsForbidden(TestServer server) throws Exception {
        start(server, b -> b.requireClaim("groups", "payments"));
        assertRejected(
                app.getWithToken("/orders", fixture.mint("api")),
                403,
                "Bearer realm=\"orders\", "
                        + "error=\"insufficient_scope\", error_description=\"The token lacks a required claim\"");
    }

    @BothServers
    void principalComesFromTheConfiguredClaimAndRolesFromAnother(TestServer server) throws Exception {
        // The token's aud is a string claim: a stand-in for any template claim naming the caller.
        start(server, b -> b.principalClaim("aud").rolesClaim("aud"));
        HttpResponse<String> r = app.getWithToken("/orders", fixture.mint("api"));
        assertThat(r.body()).contains("principal=" + fixture.apiClientId + "\n", "admins=false\n");
    }

    @BothServers
    void tokenWithoutThePrincipalClaimIsInvalid(TestServer server) throws Exception {
        start(server, b -> b.principalClaim("email"));
        assertRejected(
                app.getWithToken("/orders", fixture.mint("api")),
                401,
                "Bearer realm=\"orders\", "
                        + "error=\"invalid_token\", error_description=\"The token lacks the principal claim\"");
    }

    @BothServers
    void excludedPathsPassWithoutATokenMatchedWithoutTheContextPath(TestServer server) throws Exception {
        start(server, b -> b.excludedPaths("/health", "/public/*", "*.css", "/docs/*/index.html"));
        assertThat(app.get("/health").statusCode()).isEqualTo(200);
        assertThat(app.get("/public").statusCode()).isEqualTo(200);
        assertThat(app.get("/public/a/b").statusCode()).isEqualTo(200);
        assertThat(app.get("/site/main.css").statusCode()).isEqualTo(200);
        assertThat(app.get("/docs/v1/index.html").statusCode()).isEqualTo(200);
        assertThat(app.get("/health").body()).contains("principal=none");

        assertThat(app.get("/healthz").statusCode()).isEqualTo(401);
        assertThat(app.get("/publicity").statusCode()).isEqualTo(401);
        assertThat(app.get("/docs/v1/x/index.html").statusCode()).isEqualTo(401);
        assertThat(app.get("/public/../orders").statusCode()).isEqualTo(401);
    }

    @BothServers
    void asyncServletSeesThePrincipalOnAnotherThread(TestServer server) throws Exception {
        start(server, b -> b);
        HttpResponse<String> r = app.getWithToken("/async", fixture.mint("api"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("principal=" + fixture.entityId, "admins=true", "attribute=" + fixture.entityId);
    }

    @BothServers
    void asyncDispatchSeesThePrincipalWhenTheFilterIsMappedForRequestsOnly(TestServer server) throws Exception {
        start(server, b -> b);
        HttpResponse<String> r = app.getWithToken("/async-dispatch", fixture.mint("api"));
        assertThat(r.body()).contains("dispatch=ASYNC", "principal=" + fixture.entityId, "admins=true");
    }

    @BothServers
    void asyncDispatchSeesThePrincipalWhenTheFilterIsMappedForAsyncToo(TestServer server) throws Exception {
        start(server, b -> b, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        HttpResponse<String> r = app.getWithToken("/async-dispatch", fixture.mint("api"));
        assertThat(r.body()).contains("dispatch=ASYNC", "principal=" + fixture.entityId, "admins=true");
    }

    @BothServers
    void jsonErrorBodyWhenConfigured(TestServer server) throws Exception {
        start(server, b -> b.jsonErrors(true));
        HttpResponse<String> r = app.getWithToken("/orders", fixture.mint("other"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(JSON.readTree(r.body()))
                .isEqualTo(JSON.readTree(
                        "{\"error\":\"invalid_token\",\"error_description\":\"The token audience is not accepted\"}"));
    }

    @BothServers
    void errorsHaveAnEmptyBodyByDefault(TestServer server) throws Exception {
        start(server, b -> b);
        assertThat(app.getWithToken("/orders", fixture.mint("other")).body()).isEmpty();
    }

    @BothServers
    void quotesInTheRealmAreEscaped(TestServer server) throws Exception {
        start(server, b -> b.realm("say \"hi\" \\o/"));
        assertRejected(app.get("/orders"), 401, "Bearer realm=\"say \\\"hi\\\" \\\\o/\"");
    }

    @BothServers
    void rejectionsAreLoggedWithTheReasonButNeverTheToken(TestServer server) throws Exception {
        start(server, b -> b.requiredRoles("auditors"));
        String good = fixture.mint("api");
        String other = fixture.mint("other");
        List<String> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            app.getWithToken("/orders", good);
            app.getWithToken("/orders", other);
            app.get("/orders", "Authorization", "Bearer " + other + " x");
            logged = logs.messages();
        }
        assertThat(logged)
                .anySatisfy(m -> assertThat(m).contains("401: WRONG_AUDIENCE"))
                .anySatisfy(m -> assertThat(m).contains("403: The token lacks a required role"))
                .allSatisfy(m -> assertThat(m).doesNotContain("eyJ"));
    }
}
