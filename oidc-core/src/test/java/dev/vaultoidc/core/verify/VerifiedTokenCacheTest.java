package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.emulator.EmulatorClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The verified-token cache and the optional online check (introspection). */
class VerifiedTokenCacheTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    @StartStop
    final MockWebServer introspection = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));
    final TestKey key = TestKey.rsa("RS256");
    final List<Boolean> fromCache = new CopyOnWriteArrayList<>();
    VaultOidcStub vault;

    private TokenVerifier.Builder builder() {
        vault = new VaultOidcStub(server);
        vault.publish(key);
        vault.keysCacheControl = "max-age=3600";
        return TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .listener(new VerificationListener() {
                    @Override
                    public void onVerified(String issuer, boolean cached) {
                        fromCache.add(cached);
                    }
                });
    }

    private String token(long ttlSeconds) {
        Map<String, Object> c = Tokens.vaultClaims(vault.issuer(), clock.instant());
        c.put("exp", clock.instant().plusSeconds(ttlSeconds).getEpochSecond());
        return Tokens.mint(key, c);
    }

    private static VerificationFailure reasonOf(TokenVerifier v, String token) {
        try {
            v.verify(token);
            return null;
        } catch (TokenVerificationException e) {
            return e.reason();
        }
    }

    @Test
    void secondVerificationOfTheSameTokenIsACacheHitWithTheSameResult() throws Exception {
        TokenVerifier verifier = builder().build();
        String token = token(600);

        VerifiedToken first = verifier.verify(token);
        VerifiedToken second = verifier.verify(token);

        assertThat(second).isSameAs(first);
        assertThat(fromCache).containsExactly(false, true);
    }

    @Test
    void entriesDoNotOutliveExp() throws Exception {
        TokenVerifier verifier = builder().clockSkew(Duration.ZERO).build();
        String token = token(100);
        verifier.verify(token);

        clock.advance(Duration.ofSeconds(99));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(1));

        assertThat(reasonOf(verifier, token)).isEqualTo(VerificationFailure.EXPIRED);
        assertThat(fromCache).containsExactly(false, true);
    }

    @Test
    void afterExpTheSkewIsJudgedByFullVerificationNotByTheCache() throws Exception {
        TokenVerifier verifier = builder().clockSkew(Duration.ofSeconds(60)).build();
        String token = token(100);
        verifier.verify(token);

        clock.advance(Duration.ofSeconds(130));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(30));

        assertThat(reasonOf(verifier, token)).isEqualTo(VerificationFailure.EXPIRED);
        assertThat(fromCache).containsExactly(false, false);
    }

    @Test
    void entriesAreDroppedWhenTheirKeyLeavesTheJwks() throws Exception {
        TokenVerifier verifier = builder().build();
        String token = token(3000);
        verifier.verify(token);
        TestKey next = TestKey.rsa("RS256");
        vault.publish(next);

        verifier.refreshKeys().join();

        assertThat(reasonOf(verifier, token)).isEqualTo(VerificationFailure.UNKNOWN_KEY);
        assertThat(fromCache).containsExactly(false);
    }

    @Test
    void cacheHitsAloneKeepTheKeySetCurrentAndDropARemovedKey() throws Exception {
        TokenVerifier verifier = builder().build();
        vault.keysCacheControl = null; // fallback TTL 60 s
        String token = token(3000);
        verifier.verify(token);
        vault.publish(TestKey.rsa("RS256"));

        clock.advance(Duration.ofSeconds(61));
        verifier.verify(token); // a hit on still-usable keys; it starts the refresh but does not wait for it

        assertThat(vault.keyFetches).hasValue(2);
        assertThat(reasonOf(verifier, token)).isEqualTo(VerificationFailure.UNKNOWN_KEY);
        assertThat(fromCache).containsExactly(false, true);
    }

    @Test
    void disabledCacheVerifiesEveryTime() throws Exception {
        TokenVerifier verifier = builder().tokenCacheSize(0).build();
        String token = token(600);
        verifier.verify(token);
        verifier.verify(token);
        assertThat(fromCache).containsExactly(false, false);
    }

    /** A stand-in for the VaultClient-backed introspector: POST identity/oidc/introspect, raw JSON answer (spec §7.7). */
    private TokenIntrospector httpIntrospector() {
        OkHttpClient http = new OkHttpClient();
        return (token, clientId) -> {
            String body = Tokens.json(Map.of("token", token, "client_id", clientId));
            Request req = new Request.Builder()
                    .url(introspection.url("/v1/identity/oidc/introspect"))
                    .header("X-Vault-Token", "test-vault-token")
                    .post(RequestBody.create(body, MediaType.get("application/json")))
                    .build();
            try (Response resp = http.newCall(req).execute()) {
                if (resp.code() != 200) {
                    throw new IOException("introspect returned " + resp.code());
                }
                Map<?, ?> m = Tokens.JSON.readValue(resp.body().string(), Map.class);
                return new TokenIntrospector.Result(Boolean.TRUE.equals(m.get("active")), (String) m.get("error"));
            }
        };
    }

    @Test
    void onlineCheckRejectsTokensOfDisabledEntitiesAndIsCachedBriefly() throws Exception {
        TokenVerifier verifier = builder()
                .introspector(httpIntrospector(), Duration.ofSeconds(10))
                .build();
        String token = token(600);
        introspection.enqueue(
                new MockResponse.Builder().code(200).body("{\"active\":true}").build());
        introspection.enqueue(new MockResponse.Builder()
                .code(200)
                .body("{\"active\":false,\"error\":\"entity is disabled\"}")
                .build());

        verifier.verify(token);
        verifier.verify(token);
        assertThat(introspection.getRequestCount()).isEqualTo(1);
        RecordedRequest recorded = introspection.takeRequest();
        assertThat(recorded.getBody().utf8()).contains("\"client_id\":\"" + Tokens.CLIENT_ID + "\"");

        clock.advance(Duration.ofSeconds(11));
        assertThat(reasonOf(verifier, token)).isEqualTo(VerificationFailure.INACTIVE);
        assertThat(introspection.getRequestCount()).isEqualTo(2);
    }

    @Test
    void onlineCheckFailsClosedWhenVaultCannotAnswer() {
        TokenVerifier verifier = builder()
                .introspector(httpIntrospector(), Duration.ofSeconds(10))
                .build();
        introspection.enqueue(
                new MockResponse.Builder().code(503).body("{\"errors\":[]}").build());

        assertThat(reasonOf(verifier, token(600))).isEqualTo(VerificationFailure.INTROSPECTION_UNAVAILABLE);
    }
}
