package dev.vaultoidc.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaultoidc.core.verify.TokenVerifier.JwksHealth;
import dev.vaultoidc.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {
    static {
        QuietLogs.apply();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    @StartStop
    final MockWebServer otherCluster = new MockWebServer();

    final EmulatorClock clock = EmulatorClock.fixed(Instant.parse("2026-11-22T12:00:00Z"));

    private TokenVerifier.Builder builder(VaultOidcStub vault) {
        return TokenVerifier.builder()
                .issuer(vault.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA"})
    void acceptsTokensSignedWithEachVaultAlgorithm(String alg) throws Exception {
        TestKey key =
                alg.startsWith("RS") ? TestKey.rsa(alg) : alg.startsWith("ES") ? TestKey.ec(alg) : TestKey.ed25519();
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier = builder(vault).build();

        VerifiedToken t = verifier.verify(Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), clock.instant())));

        assertThat(t.algorithm()).isEqualTo(alg);
        assertThat(t.keyId()).isEqualTo(key.kid());
    }

    @Test
    void exposesVaultClaimsAndTemplateClaimsTyped() throws Exception {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier = builder(vault).build();
        Map<String, Object> claims = Tokens.vaultClaims(vault.issuer(), clock.instant());
        claims.put("tier", 3);
        claims.put("metadata", Map.of("team", "payments"));

        VerifiedToken t = verifier.verify(Tokens.mint(key, claims));

        assertThat(t.entityId()).isEqualTo("6f2a4c3e-1b7d-4e9a-8c5f-0d1e2f3a4b5c");
        assertThat(t.issuer()).isEqualTo(vault.issuer());
        assertThat(t.audiences()).containsExactly(Tokens.CLIENT_ID);
        assertThat(t.namespace()).isEqualTo("root");
        assertThat(t.issuedAt()).isEqualTo(clock.instant());
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(t.stringListClaim("groups")).containsExactly("admins", "devs");
        assertThat(t.stringClaim("email")).contains("alice@example.com");
        assertThat(t.claim("tier", Long.class)).contains(3L);
        assertThat(t.claim("iat", Instant.class)).contains(clock.instant());
        assertThat(t.claim("metadata", Map.class))
                .hasValueSatisfying(m -> assertThat(m).containsEntry("team", "payments"));
        assertThat(t.claim("absent", String.class)).isEmpty();
        assertThatThrownBy(() -> t.claim("email", Long.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.claims().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(t.toString()).doesNotContain("alice@example.com");
    }

    @Test
    void acceptsAudienceArrayContainingAnyConfiguredClientId() throws Exception {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier = builder(vault).audiences("second-client").build();
        Map<String, Object> claims = Tokens.vaultClaims(vault.issuer(), clock.instant());
        claims.put("aud", List.of("someone-else", "second-client"));

        assertThat(verifier.verify(Tokens.mint(key, claims)).audiences()).contains("second-client");
    }

    @Test
    void toleratesClockSkewWithinTheConfiguredBound() throws Exception {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier =
                builder(vault).clockSkew(Duration.ofSeconds(30)).build();
        Map<String, Object> claims =
                Tokens.vaultClaims(vault.issuer(), clock.instant().plusSeconds(20));
        claims.put("exp", clock.instant().minusSeconds(10).getEpochSecond());

        assertThat(verifier.verify(Tokens.mint(key, claims)).entityId()).isNotEmpty();
        claims.put("exp", clock.instant().minusSeconds(31).getEpochSecond());
        assertThatThrownBy(() -> verifier.verify(Tokens.mint(key, claims)))
                .satisfies(e ->
                        assertThat(((TokenVerificationException) e).reason()).isEqualTo(VerificationFailure.EXPIRED));
    }

    @Test
    void derivesTheNamespacedIssuerFromVaultAddressAndSendsTheNamespaceHeaderToDiscovery() throws Exception {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server, "team-a");
        vault.publish(key);
        TokenVerifier verifier = TokenVerifier.builder()
                .vaultAddress(vault.address())
                .namespace("/team-a/")
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .build();

        assertThat(verifier.issuers()).containsExactly(vault.address() + "/v1/team-a/identity/oidc");
        VerifiedToken t = verifier.verify(Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), clock.instant())));

        assertThat(t.issuer()).isEqualTo(vault.address() + "/v1/team-a/identity/oidc");
        assertThat(vault.discoveryNamespaceHeaders).containsExactly("team-a/");
    }

    @Test
    void rootNamespaceIssuerHasNoNamespaceSegment() {
        TokenVerifier verifier = TokenVerifier.builder()
                .vaultAddress("https://vault.example.com:8200/")
                .audiences("c")
                .build();
        assertThat(verifier.issuers()).containsExactly("https://vault.example.com:8200/v1/identity/oidc");
        verifier.close();
    }

    @Test
    void multiIssuerAcceptsEachAllowListedClusterAndRejectsOthersWithoutAnyRequest() throws Exception {
        TestKey keyA = TestKey.rsa("RS256");
        TestKey keyB = TestKey.ec("ES256");
        VaultOidcStub a = new VaultOidcStub(server);
        VaultOidcStub b = new VaultOidcStub(otherCluster);
        a.publish(keyA);
        b.publish(keyB);
        TokenVerifier verifier = TokenVerifier.builder()
                .issuer(a.issuer())
                .issuer(b.issuer())
                .audiences(Tokens.CLIENT_ID)
                .clock(clock)
                .executor(Runnable::run)
                .build();

        assertThat(verifier.verify(Tokens.mint(keyA, Tokens.vaultClaims(a.issuer(), clock.instant())))
                        .issuer())
                .isEqualTo(a.issuer());
        assertThat(verifier.verify(Tokens.mint(keyB, Tokens.vaultClaims(b.issuer(), clock.instant())))
                        .issuer())
                .isEqualTo(b.issuer());
        int before = server.getRequestCount() + otherCluster.getRequestCount();
        String evil = Tokens.mint(keyA, Tokens.vaultClaims("https://evil.example/v1/identity/oidc", clock.instant()));
        assertThatThrownBy(() -> verifier.verify(evil))
                .satisfies(e -> assertThat(((TokenVerificationException) e).reason())
                        .isEqualTo(VerificationFailure.WRONG_ISSUER));
        // A token of cluster A signed with cluster B's key names a kid A does not publish.
        String crossed = Tokens.mint(keyB, Tokens.vaultClaims(a.issuer(), clock.instant()));
        assertThatThrownBy(() -> verifier.verify(crossed))
                .satisfies(e -> assertThat(((TokenVerificationException) e).reason())
                        .isEqualTo(VerificationFailure.UNKNOWN_KEY));
        assertThat(server.getRequestCount() + otherCluster.getRequestCount() - before)
                .isLessThanOrEqualTo(1);
        assertThat(verifier.health()).extracting(JwksHealth::issuer).containsExactly(a.issuer(), b.issuer());
    }

    @Test
    void policiesRequireClaimValuesAndGroupMembership() throws Exception {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier = builder(vault)
                .requireNamespaceId("root")
                .requireClaimContains("groups", "admins")
                .build();
        Map<String, Object> claims = Tokens.vaultClaims(vault.issuer(), clock.instant());
        assertThat(verifier.verify(Tokens.mint(key, claims)).entityId()).isNotNull();

        claims.put("groups", List.of("devs"));
        assertThatThrownBy(() -> verifier.verify(Tokens.mint(key, claims)))
                .satisfies(e -> assertThat(((TokenVerificationException) e).reason())
                        .isEqualTo(VerificationFailure.CLAIM_MISMATCH));
    }

    @Test
    void listenerSeesOutcomesAndCacheHitsAndAFailingListenerChangesNothing() throws Exception {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        List<String> events = new CopyOnWriteArrayList<>();
        TokenVerifier verifier = builder(vault)
                .listener(new VerificationListener() {
                    @Override
                    public void onVerified(String issuer, boolean fromCache) {
                        events.add("verified cache=" + fromCache);
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void onRejected(String issuer, VerificationFailure reason) {
                        events.add("rejected " + reason);
                    }

                    @Override
                    public void onJwksFetched(String issuer, int keyCount, boolean forced) {
                        events.add("fetched " + keyCount);
                    }
                })
                .build();
        String token = Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), clock.instant()));

        verifier.verify(token);
        verifier.verify(token);
        assertThatThrownBy(() -> verifier.verify("x.y")).isInstanceOf(TokenVerificationException.class);

        assertThat(events)
                .containsExactly("fetched 1", "verified cache=false", "verified cache=true", "rejected MALFORMED");
    }

    @Test
    void builderRejectsIncompleteOrUnsafeConfiguration() {
        assertThatThrownBy(() -> TokenVerifier.builder().audiences("c").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TokenVerifier.builder()
                        .issuer("https://v/v1/identity/oidc")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audiences");
        assertThatThrownBy(() -> TokenVerifier.builder().algorithms("HS256"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().algorithms("none"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().clockSkew(Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder().issuer("not a url"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        TokenVerifier.builder().namespace("ns").audiences("c").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAlgorithmsThatAreNotConfiguredEvenWhenTheKeyUsesThem() throws Exception {
        TestKey key = TestKey.ec("ES256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier = builder(vault).algorithms("RS256").build();

        assertThatThrownBy(() -> verifier.verify(Tokens.mint(key, Tokens.vaultClaims(vault.issuer(), clock.instant()))))
                .satisfies(e -> assertThat(((TokenVerificationException) e).reason())
                        .isEqualTo(VerificationFailure.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void exceptionMessagesNeverContainTheToken() {
        TestKey key = TestKey.rsa("RS256");
        VaultOidcStub vault = new VaultOidcStub(server);
        vault.publish(key);
        TokenVerifier verifier = builder(vault).build();
        Map<String, Object> claims = Tokens.vaultClaims(vault.issuer(), clock.instant());
        claims.put("aud", "secret-other-client");
        String token = Tokens.mint(key, claims);

        assertThatThrownBy(() -> verifier.verify(token)).satisfies(e -> {
            assertThat(e.getMessage()).doesNotContain(token).doesNotContain("secret-other-client");
            assertThat(((TokenVerificationException) e).reason()).isEqualTo(VerificationFailure.WRONG_AUDIENCE);
        });
    }
}
