package dev.vaultoidc.core.verify;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Vault's two unauthenticated OIDC endpoints (spec §7.8, §7.9) on a MockWebServer: discovery with
 * {@code max-age=3600} and {@code /.well-known/keys} with a controllable key set, Cache-Control and outage.
 * Counts requests and records the request headers the verifier sent.
 */
final class VaultOidcStub extends Dispatcher {
    private final MockWebServer server;
    private final String namespace;
    volatile List<JWK> published = List.of();
    /** Cache-Control for the JWKS response; null = omit (Vault often does). */
    volatile String keysCacheControl;

    volatile int keysStatus = 200;
    volatile int discoveryStatus = 200;
    /** When set, discovery claims this issuer instead of the real one. */
    volatile String discoveryIssuerOverride;

    volatile String jwksUriOverride;
    volatile String keysBodyOverride;
    /** When set, JWKS responses wait for it, so the test controls how long a fetch is in flight. */
    volatile java.util.concurrent.CountDownLatch keysGate;
    /** The next this-many JWKS requests get a 503, then normal service resumes. */
    final AtomicInteger transientKeyFailures = new AtomicInteger();

    final AtomicInteger keyFetches = new AtomicInteger();
    final AtomicInteger discoveryFetches = new AtomicInteger();
    final List<String> keysRequestCacheControl = new CopyOnWriteArrayList<>();
    final List<String> discoveryNamespaceHeaders = new CopyOnWriteArrayList<>();

    VaultOidcStub(MockWebServer server) {
        this(server, null);
    }

    VaultOidcStub(MockWebServer server, String namespace) {
        this.server = server;
        this.namespace = namespace;
        server.setDispatcher(this);
    }

    /** The effective issuer (spec §7.2) for this stub's namespace. */
    String issuer() {
        String prefix = namespace == null ? "/v1/identity/oidc" : "/v1/" + namespace + "/identity/oidc";
        String url = server.url(prefix).toString();
        return url;
    }

    String address() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    void publish(TestKey... keys) {
        published = java.util.Arrays.stream(keys).map(TestKey::publicJwk).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String iss = issuer();
        String issPath = okhttp3.HttpUrl.parse(iss).encodedPath();
        String nsHeader = request.getHeaders().get("X-Vault-Namespace");
        boolean rootDiscoveryWithHeader = namespace != null
                && (namespace + "/").equals(nsHeader)
                && path.equals("/v1/identity/oidc/.well-known/openid-configuration");
        if (path.equals(issPath + "/.well-known/openid-configuration") || rootDiscoveryWithHeader) {
            discoveryFetches.incrementAndGet();
            discoveryNamespaceHeaders.add(nsHeader == null ? "" : nsHeader);
            if (discoveryStatus != 200) {
                return new MockResponse.Builder()
                        .code(discoveryStatus)
                        .body("{\"errors\":[]}")
                        .build();
            }
            String claimed = discoveryIssuerOverride != null ? discoveryIssuerOverride : iss;
            String jwksUri = jwksUriOverride != null ? jwksUriOverride : iss + "/.well-known/keys";
            String body = Tokens.json(Map.of(
                    "issuer",
                    claimed,
                    "jwks_uri",
                    jwksUri,
                    "response_types_supported",
                    List.of("id_token"),
                    "subject_types_supported",
                    List.of("public"),
                    "id_token_signing_alg_values_supported",
                    List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA")));
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("Cache-Control", "max-age=3600")
                    .body(body)
                    .build();
        }
        if (path.equals(issPath + "/.well-known/keys")) {
            keyFetches.incrementAndGet();
            java.util.concurrent.CountDownLatch gate = keysGate;
            if (gate != null) {
                try {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String cc = request.getHeaders().get("Cache-Control");
            keysRequestCacheControl.add(cc == null ? "" : cc);
            if (transientKeyFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new MockResponse.Builder()
                        .code(503)
                        .body("{\"errors\":[\"standby\"]}")
                        .build();
            }
            if (keysStatus != 200) {
                return new MockResponse.Builder()
                        .code(keysStatus)
                        .body("{\"errors\":[\"down\"]}")
                        .build();
            }
            String body = keysBodyOverride;
            if (body == null) {
                body = "{\"keys\":["
                        + String.join(
                                ",", published.stream().map(JWK::toJSONString).toList()) + "]}";
            }
            MockResponse.Builder b = new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json")
                    .body(body);
            if (keysCacheControl != null) {
                b.addHeader("Cache-Control", keysCacheControl);
            }
            return b.build();
        }
        return new MockResponse.Builder().code(404).body("{\"errors\":[]}").build();
    }
}
