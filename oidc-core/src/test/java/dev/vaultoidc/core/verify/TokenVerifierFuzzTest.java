package dev.vaultoidc.core.verify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fuzzes the two places hostile bytes enter: {@code verify()} and JWKS parsing. Only the typed rejection
 * ({@link TokenVerificationException}, resp. {@link ParseException}) may come out; anything else is a finding.
 * In the normal build this runs the committed seeds (regression mode); {@code JAZZER_FUZZ=1} fuzzes.
 */
class TokenVerifierFuzzTest {
    static {
        QuietLogs.apply();
    }

    private static final String ISSUER = "https://vault.example.com:8200/v1/identity/oidc";
    private static final Set<JWSAlgorithm> ALL = Set.copyOf(TokenVerifier.Builder.VAULT_ALGORITHMS);
    private static final TokenVerifier VERIFIER = verifier(SignatureProvider.JDK);
    /** Must reach the JDK's verdict on every input, the committed seeds included. */
    private static final TokenVerifier NATIVE = verifier(SignatureProvider.NATIVE);

    /** Discovery and JWKS served by an interceptor: no sockets, so fuzzing is fast and hermetic. */
    private static TokenVerifier verifier(SignatureProvider signatures) {
        String jwks = resource("fuzz-jwks.json");
        String discovery = "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + ISSUER + "/.well-known/keys\"}";
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    String path = chain.request().url().encodedPath();
                    String body = path.endsWith("/openid-configuration") ? discovery : jwks;
                    return new Response.Builder()
                            .request(chain.request())
                            .protocol(Protocol.HTTP_1_1)
                            .code(200)
                            .message("OK")
                            .header("Cache-Control", "max-age=3600")
                            .body(ResponseBody.create(body, MediaType.get("application/json")))
                            .build();
                })
                .build();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1795089610L), ZoneOffset.UTC);
        return TokenVerifier.builder()
                .issuer(ISSUER)
                .audiences("Hb7kP2qW9xZ4mN8vR3tY6uJ1aQ")
                .clock(clock)
                .executor(Runnable::run)
                .httpClient(http)
                .tokenCacheSize(0)
                .requireClaimContains("groups", "admins")
                .signatureProvider(signatures)
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = TokenVerifierFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The harness is only useful if its main seed gets all the way through: prove it does. */
    @org.junit.jupiter.api.Test
    void validSeedIsAccepted() throws Exception {
        String seed = resource("TokenVerifierFuzzTestInputs/verify/valid-rs256");
        org.assertj.core.api.Assertions.assertThat(VERIFIER.verify(seed).keyId())
                .isEqualTo("3f9c2a1e-7b4d-4c8e-9a6f-1d2e3c4b5a69");
    }

    @org.junit.jupiter.api.Test
    void validSeedIsAcceptedNatively() throws Exception {
        String seed = resource("TokenVerifierFuzzTestInputs/verify/valid-rs256");
        org.assertj.core.api.Assertions.assertThat(NATIVE.verify(seed).keyId())
                .isEqualTo("3f9c2a1e-7b4d-4c8e-9a6f-1d2e3c4b5a69");
    }

    @FuzzTest(maxDuration = "30s")
    void verify(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        String jdk = verdict(VERIFIER, token);
        String nativeVerdict = verdict(NATIVE, token);
        if (!jdk.equals(nativeVerdict)) {
            throw new AssertionError("native signature checks disagree with the JDK: " + nativeVerdict + " vs " + jdk);
        }
    }

    /** Accepted (with the checked claims) or the typed rejection; anything else escapes as a finding. */
    private static String verdict(TokenVerifier verifier, String token) {
        try {
            VerifiedToken t = verifier.verify(token);
            if (!ISSUER.equals(t.issuer()) || t.entityId() == null) {
                throw new AssertionError("accepted a token without the checked claims");
            }
            return "accepted " + t.keyId();
        } catch (TokenVerificationException expected) {
            if (expected.getMessage().contains(token) && token.length() > 16) {
                throw new AssertionError("exception message echoes the token");
            }
            return expected.reason() + ": " + expected.getMessage();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void parseJwks(FuzzedDataProvider data) {
        try {
            KeySnapshot.parseKeys(data.consumeRemainingAsString(), ALL);
        } catch (ParseException expected) {
            // not a JWK set: the cache keeps its previous keys
        }
    }
}
