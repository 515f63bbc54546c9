package dev.vaultoidc.core.verify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.text.ParseException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Issue 17 fuzzing: the JWKS parsed key by key (one hostile member next to a good key) and the discovery
 * document. Only the typed rejections may come out, a skip reason must be fit for a log line, and a good key
 * must never be lost because of its neighbour. Regression mode runs the committed seeds; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class JwksDocumentFuzzTest {
    static {
        QuietLogs.apply();
    }

    private static final Set<JWSAlgorithm> ALL = Set.copyOf(TokenVerifier.Builder.VAULT_ALGORITHMS);
    private static final TestKey GOOD = TestKey.ec("ES256");
    private static final String ISSUER = "https://vault.example.com:8200/v1/identity/oidc";

    @FuzzTest(maxDuration = "10m")
    void jwksMemberNextToAGoodKey(FuzzedDataProvider data) {
        String member = data.consumeRemainingAsString();
        String doc = "{\"keys\":[" + member + "," + GOOD.publicJwk().toJSONString() + "]}";
        try {
            var keys = KeySnapshot.parseKeys(doc, ALL, (kid, reason) -> {
                for (String s : new String[] {kid, reason}) {
                    if (s != null && s.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
                        throw new AssertionError("skip report is not fit for a log line");
                    }
                }
            });
            if (!keys.containsKey(GOOD.kid()) && !member.contains(GOOD.kid()) && isOneJsonValue(member)) {
                throw new AssertionError("one member made the good key unusable");
            }
        } catch (ParseException expected) {
            // the member broke the JSON itself: not a JWK set
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Only then is it one member: text such as {@code ],"x":[} would move the good key out of "keys". */
    private static boolean isOneJsonValue(String member) {
        try {
            return STRICT.readTree(member) != null && !member.isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** What the one shared client serves next: building a client per input cost most of each run. */
    private static final AtomicReference<String> SERVED = new AtomicReference<>("");

    private static final JwksFetcher DISCOVERY = new JwksFetcher(
            new OkHttpClient.Builder()
                    .addInterceptor(chain -> new Response.Builder()
                            .request(chain.request())
                            .protocol(Protocol.HTTP_1_1)
                            .code(200)
                            .message("OK")
                            .body(ResponseBody.create(SERVED.get(), MediaType.get("application/json")))
                            .build())
                    .build(),
            64 * 1024,
            null);

    @FuzzTest(maxDuration = "10m")
    void discoveryDocument(FuzzedDataProvider data) {
        SERVED.set(data.consumeRemainingAsString());
        try {
            JwksFetcher.Discovery d = DISCOVERY.discover(ISSUER + "/.well-known/openid-configuration", ISSUER, false);
            okhttp3.HttpUrl u = okhttp3.HttpUrl.parse(d.jwksUri());
            if (u == null || !u.host().equals("vault.example.com") || u.port() != 8200 || !u.isHttps()) {
                throw new AssertionError("discovery accepted a jwks_uri off the issuer's origin");
            }
            // A second reading, by text rather than by OkHttp: what the fetcher will GET must start with the
            // issuer's origin and a path, so no userinfo, backslash or IDN trick can move the authority.
            if (!d.jwksUri().startsWith("https://vault.example.com:8200/")) {
                throw new AssertionError("jwks_uri " + d.jwksUri() + " does not start with the issuer's origin");
            }
        } catch (IOException expected) {
            // rejected document: typed, the cache keeps its last jwks_uri
        }
    }
}
