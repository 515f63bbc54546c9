package dev.vaultoidc.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.core.verify.TokenVerifier;
import dev.vaultoidc.emulator.VaultEmulator;
import dev.vaultoidc.emulator.VaultEmulatorExtension;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The filter built in code, in a real Jetty 12, verifying real tokens minted by the emulator. */
@ExtendWith(VaultEmulatorExtension.class)
class VaultOidcFilterTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String REALM = "orders";

    // Vault is prepared once: tests only mint tokens, and every verifier shares the emulator's clock, so a test
    // that moves time does not disturb the others.
    private static VaultFixture fixture;
    private TokenVerifier verifier;
    private JettyApp app;

    @BeforeAll
    static void prepareVault(VaultEmulator vault) {
        fixture = new VaultFixture(vault);
    }

    @BeforeEach
    void setUp() {
        verifier = fixture.verifier();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.vault.faults().clear();
        if (app != null) {
            app.close();
        }
        verifier.close();
    }

    private JettyApp start(UnaryOperator<VaultOidcFilter.Builder> config) throws Exception {
        return start(config, EnumSet.of(DispatcherType.REQUEST));
    }

    private JettyApp start(UnaryOperator<VaultOidcFilter.Builder> config, EnumSet<DispatcherType> dispatches)
            throws Exception {
        VaultOidcFilter filter = config.apply(VaultOidcFilter.builder(verifier).realm(REALM)).build();
        app = JettyApp.start(new FilterHolder(filter), dispatches);
        return app;
    }

    private static void assertRejected(HttpResponse<String> r, int status, String challenge) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void validTokenReachesTheServletWithPrincipalRolesAndAttribute() throws Exception {
        start(b -> b);
        HttpResponse<String> r = app.getWithToken("/orders", fixture.mint("api"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("principal=" + fixture.entityId + "\n", "remoteUser=" + fixture.entityId + "\n",
                "authType=Bearer\n", "admins=true\n", "auditors=false\n", "attribute=" + fixture.entityId + "\n");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() throws Exception {
        start(b -> b);
        HttpResponse<String> r = app.get("/orders", "Authorization", "bEaReR " + fixture.mint("api"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("principal=" + fixture.entityId);
    }

    @Test
    void requestWithoutTokenGets401WithoutErrorCode() throws Exception {
        start(b -> b);
        assertRejected(app.get("/orders"), 401, "Bearer realm=\"orders\"");
        // Another scheme is not a bearer token: same answer, so the client learns which scheme to use.
        assertRejected(app.get("/orders", "Authorization", "Basic dXNlcjpwYXNz"), 401, "Bearer realm=\"orders\"");
    }

    @Test
    void bearerWithoutTokenIsAnInvalidRequest() throws Exception {
        start(b -> b);
        assertRejected(app.get("/orders", "Authorization", "Bearer"), 400, "Bearer realm=\"orders\", "
                + "error=\"invalid_request\", error_description=\"The Bearer scheme was sent without a token\"");
    }

    @Test
    void tokenOutsideTheB64TokenGrammarIsAnInvalidRequest() throws Exception {
        start(b -> b);
        String token = fixture.mint("api");
        String expected = "Bearer realm=\"orders\", error=\"invalid_request\", "
                + "error_description=\"The bearer token is not a valid b64token\"";
        assertRejected(app.get("/orders", "Authorization", "Bearer " + token + " extra"), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer \"" + token + "\""), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer ab=c"), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer\t" + token), 400, expected);
    }

    @Test
    void severalAuthorizationHeadersAreAnInvalidRequest() throws Exception {
        start(b -> b);
        String token = fixture.mint("api");
        assertRejected(app.get("/orders", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token),
                400, "Bearer realm=\"orders\", error=\"invalid_request\", "
                        + "error_description=\"Several Authorization headers were sent\"");
    }

    @Test
    void tokenSentByTwoMethodsIsAnInvalidRequest() throws Exception {
        start(b -> b.headerName("X-Id-Token"));
        String token = fixture.mint("api");
        String expected = "Bearer realm=\"orders\", error=\"invalid_request\", "
                + "error_description=\"The token was sent by more than one method\"";
        assertRejected(app.get("/orders?access_token=" + token, "Authorization", "Bearer " + token), 400, expected);
        assertRejected(app.get("/orders", "Authorization", "Bearer " + token, "X-Id-Token", token), 400, expected);
        assertRejected(app.get("/orders?access_token=" + token), 400, "Bearer realm=\"orders\", "
                + "error=\"invalid_request\", error_description=\"Tokens in the query string are not accepted\"");
    }

    @Test
    void configuredOtherHeaderCarriesTheToken() throws Exception {
        start(b -> b.headerName("X-Id-Token"));
        assertThat(app.get("/orders", "X-Id-Token", fixture.mint("api")).body())
                .contains("principal=" + fixture.entityId);
        assertThat(app.get("/orders", "x-id-token", "Bearer " + fixture.mint("api")).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsInvalid() throws Exception {
        start(b -> b);
        String token = fixture.mint("api");
        assertThat(app.getWithToken("/orders", token).statusCode()).isEqualTo(200);

        fixture.vault.clock().advance(Duration.ofMinutes(12)); // ttl 10 min + 60 s skew, with room
        assertRejected(app.getWithToken("/orders", token), 401, "Bearer realm=\"orders\", "
                + "error=\"invalid_token\", error_description=\"The token has expired\"");
    }

    @Test
    void tokenForAnotherAudienceIsInvalid() throws Exception {
        start(b -> b);
        assertRejected(app.getWithToken("/orders", fixture.mint("other")), 401, "Bearer realm=\"orders\", "
                + "error=\"invalid_token\", error_description=\"The token audience is not accepted\"");
    }

    @Test
    void tamperedSignatureIsInvalid() throws Exception {
        start(b -> b);
        String token = fixture.mint("api");
        int i = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);

        assertRejected(app.getWithToken("/orders", tampered), 401, "Bearer realm=\"orders\", "
                + "error=\"invalid_token\", error_description=\"The token signature is invalid\"");
    }

    @Test
    void garbageTokenIsInvalidNotAServerError() throws Exception {
        start(b -> b);
        assertRejected(app.getWithToken("/orders", "abc.def.ghi"), 401, "Bearer realm=\"orders\", "
                + "error=\"invalid_token\", error_description=\"The token is malformed\"");
    }

    @Test
    void missingRequiredRoleIsForbidden() throws Exception {
        start(b -> b.requiredRoles("admins", "auditors"));
        assertRejected(app.getWithToken("/orders", fixture.mint("api")), 403, "Bearer realm=\"orders\", "
                + "error=\"insufficient_scope\", error_description=\"The token lacks a required role\"");
    }

    @Test
    void requiredRolePresentIsAllowed() throws Exception {
        start(b -> b.requiredRoles("admins"));
        assertThat(app.getWithToken("/orders", fixture.mint("api")).statusCode()).isEqualTo(200);
    }

    @Test
    void missingRequiredClaimIsForbidden() throws Exception {
        start(b -> b.requireClaim("groups", "payments"));
        assertRejected(app.getWithToken("/orders", fixture.mint("api")), 403, "Bearer realm=\"orders\", "
                + "error=\"insufficient_scope\", error_description=\"The token lacks a required claim\"");
    }

    @Test
    void principalComesFromTheConfiguredClaimAndRolesFromAnother() throws Exception {
        // The token's aud is a string claim: a stand-in for any template claim naming the caller.
        start(b -> b.principalClaim("aud").rolesClaim("aud"));
        HttpResponse<String> r = app.getWithToken("/orders", fixture.mint("api"));
        assertThat(r.body()).contains("principal=" + fixture.apiClientId + "\n", "admins=false\n");
    }

    @Test
    void tokenWithoutThePrincipalClaimIsInvalid() throws Exception {
        start(b -> b.principalClaim("email"));
        assertRejected(app.getWithToken("/orders", fixture.mint("api")), 401, "Bearer realm=\"orders\", "
                + "error=\"invalid_token\", error_description=\"The token lacks the principal claim\"");
    }

    @Test
    void excludedPathsPassWithoutATokenMatchedWithoutTheContextPath() throws Exception {
        start(b -> b.excludedPaths("/health", "/public/*", "*.css", "/docs/*/index.html"));
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

    @Test
    void asyncServletSeesThePrincipalOnAnotherThread() throws Exception {
        start(b -> b);
        HttpResponse<String> r = app.getWithToken("/async", fixture.mint("api"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("principal=" + fixture.entityId, "admins=true", "attribute=" + fixture.entityId);
    }

    @Test
    void asyncDispatchSeesThePrincipalWhenTheFilterIsMappedForRequestsOnly() throws Exception {
        start(b -> b);
        HttpResponse<String> r = app.getWithToken("/async-dispatch", fixture.mint("api"));
        assertThat(r.body()).contains("dispatch=ASYNC", "principal=" + fixture.entityId, "admins=true");
    }

    @Test
    void asyncDispatchSeesThePrincipalWhenTheFilterIsMappedForAsyncToo() throws Exception {
        start(b -> b, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        HttpResponse<String> r = app.getWithToken("/async-dispatch", fixture.mint("api"));
        assertThat(r.body()).contains("dispatch=ASYNC", "principal=" + fixture.entityId, "admins=true");
    }

    @Test
    void jsonErrorBodyWhenConfigured() throws Exception {
        start(b -> b.jsonErrors(true));
        HttpResponse<String> r = app.getWithToken("/orders", fixture.mint("other"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
                "{\"error\":\"invalid_token\",\"error_description\":\"The token audience is not accepted\"}"));
    }

    @Test
    void errorsHaveAnEmptyBodyByDefault() throws Exception {
        start(b -> b);
        assertThat(app.getWithToken("/orders", fixture.mint("other")).body()).isEmpty();
    }

    @Test
    void quotesInTheRealmAreEscaped() throws Exception {
        start(b -> b.realm("say \"hi\" \\o/"));
        assertRejected(app.get("/orders"), 401, "Bearer realm=\"say \\\"hi\\\" \\\\o/\"");
    }

    @Test
    void vaultKeysUnavailableFromTheStartAnswers503WithRetryAfter() throws Exception {
        String token = fixture.mint("api");
        fixture.vault.faults().status("identity/oidc/.well-known/keys", 503, 0);
        start(b -> b.retryAfter(Duration.ofSeconds(7)).jsonErrors(true));

        HttpResponse<String> r;
        try (CapturedLogs logs = new CapturedLogs()) {
            r = app.getWithToken("/orders", token);
            assertThat(logs.messages()).contains(
                    "WARN Answering 503 to GET /app/orders: Vault's keys are unavailable (KEYS_UNAVAILABLE)");
        }
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).contains("\"error\":\"temporarily_unavailable\"");
    }

    @Test
    void rejectionsAreLoggedWithTheReasonButNeverTheToken() throws Exception {
        start(b -> b.requiredRoles("auditors"));
        String good = fixture.mint("api");
        String other = fixture.mint("other");
        List<String> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            app.getWithToken("/orders", good);
            app.getWithToken("/orders", other);
            app.get("/orders", "Authorization", "Bearer " + other + " x");
            logged = logs.messages();
        }
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("401: WRONG_AUDIENCE"))
                .anySatisfy(m -> assertThat(m).contains("403: The token lacks a required role"))
                .allSatisfy(m -> assertThat(m).doesNotContain("eyJ"));
    }
}
