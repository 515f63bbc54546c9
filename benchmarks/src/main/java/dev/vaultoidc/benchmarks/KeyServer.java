package dev.vaultoidc.benchmarks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local, Vault-shaped OIDC issuer for the benchmarks: {@code /v1/identity/oidc/.well-known/openid-configuration}
 * and {@code /.well-known/keys} on the JDK HTTP server. The key set can be replaced at any time (a rotation), JWKS
 * responses can be delayed (a remote Vault), and JWKS fetches are counted, which is what the storm and flood
 * scenarios report. The emulator would serve the same documents, but the benchmarks need to publish keys they
 * generated themselves (EdDSA, a key "not yet" in the set) and to count exactly one path.
 */
final class KeyServer implements AutoCloseable {
    static final String PATH = "/v1/identity/oidc";

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile long delayMillis;

    KeyServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Enough handler threads that a storm of 64 clients is limited by the client libraries, not by us.
        pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "key-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext(PATH + "/.well-known/openid-configuration", ex -> respond(ex, discovery(), false));
        server.createContext(PATH + "/.well-known/keys", ex -> respond(ex, jwks, true));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    String jwksUri() {
        return issuer() + "/.well-known/keys";
    }

    /** Publishes exactly these keys (public parts), replacing the previous set. */
    void publish(List<SigningKey> keys) {
        jwks = new JWKSet(keys.stream()
                        .map(SigningKey::publicJwk)
                        .map(JWK.class::cast)
                        .toList())
                .toString();
    }

    /** How many times the JWKS was fetched so far. */
    int jwksFetches() {
        return jwksFetches.get();
    }

    /** Delays each JWKS response, standing in for the round trip to a remote Vault. */
    void delayJwks(long millis) {
        this.delayMillis = millis;
    }

    private String discovery() {
        String iss = issuer();
        return "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/.well-known/keys\","
                + "\"authorization_endpoint\":\"\",\"token_endpoint\":\"\",\"userinfo_endpoint\":\"\","
                + "\"response_types_supported\":[\"id_token\"],\"scopes_supported\":[\"openid\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\",\"EdDSA\"]}";
    }

    private void respond(HttpExchange ex, String body, boolean isJwks) throws IOException {
        try (ex) {
            if (isJwks) {
                jwksFetches.incrementAndGet();
                long d = delayMillis;
                if (d > 0) {
                    try {
                        Thread.sleep(d);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            // Vault jitters max-age (spec §7.9); a fixed hour keeps every library's cache warm during a run.
            ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
