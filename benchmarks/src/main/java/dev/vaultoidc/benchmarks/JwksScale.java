package dev.vaultoidc.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.vaultoidc.core.verify.TokenVerifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A timed harness (issue 17 item 12) for how the verifier's cost grows with the size of the key set: JWKS parse
 * time and retained heap for 1, 10, 100 and 1,000 RSA-4096 keys, verify latency with 1 and 1,000 keys, and with
 * 1 and 50 issuers in one verifier. Not JMH: one process, warm-up, then timed loops; run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.vaultoidc.benchmarks.JwksScale}. Results: docs/benchmarks.md.
 */
public final class JwksScale {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String AUD = "bench-client";

    private JwksScale() {}

    public static void main(String[] args) throws Exception {
        KeyPairGenerator g4096 = KeyPairGenerator.getInstance("RSA");
        g4096.initialize(4096);
        KeyPair big = g4096.generateKeyPair();
        KeyPairGenerator g2048 = KeyPairGenerator.getInstance("RSA");
        g2048.initialize(2048);
        KeyPair signer = g2048.generateKeyPair();
        String signerKid = UUID.randomUUID().toString();
        JWK signerJwk = jwk((RSAPublicKey) signer.getPublic(), signerKid);

        System.out.println("keys,jwks_bytes,parse_ms_median,retained_heap_kib");
        for (int n : new int[] {1, 10, 100, 1000}) {
            // One RSA-4096 modulus under distinct kids: each member is still parsed and converted on its own, and
            // generating 1,000 distinct 4096-bit keys would take minutes without changing the per-key cost.
            List<JWK> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(jwk((RSAPublicKey) big.getPublic(), UUID.randomUUID().toString()));
            }
            String doc = new JWKSet(keys).toString();
            String issuer = "https://vault.example.com/v1/identity/oidc";
            int rounds = n >= 1000 ? 15 : 40;
            long[] ms = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                TokenVerifier v = TokenVerifier.builder()
                        .issuer(issuer)
                        .audiences(AUD)
                        .scheduler(null)
                        .staticJwks(doc)
                        .build();
                ms[r] = System.nanoTime() - t0;
                v.close();
            }
            Arrays.sort(ms);
            // Retained heap: hold 5 verifiers and compare used heap after full GCs.
            long before = usedAfterGc();
            List<TokenVerifier> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(TokenVerifier.builder()
                        .issuer(issuer)
                        .audiences(AUD)
                        .scheduler(null)
                        .staticJwks(doc)
                        .build());
            }
            long after = usedAfterGc();
            System.out.printf("%d,%d,%.2f,%d%n", n, doc.length(), ms[rounds / 2] / 1e6, (after - before) / 5 / 1024);
            held.forEach(TokenVerifier::close);
        }

        System.out.println("keys,verify_us_mean,verify_us_p50,verify_us_p99");
        for (int n : new int[] {1, 1000}) {
            List<JWK> keys = new ArrayList<>();
            keys.add(signerJwk);
            for (int i = 1; i < n; i++) {
                keys.add(jwk((RSAPublicKey) big.getPublic(), UUID.randomUUID().toString()));
            }
            String issuer = "https://vault.example.com/v1/identity/oidc";
            try (TokenVerifier v = TokenVerifier.builder()
                    .issuer(issuer)
                    .audiences(AUD)
                    .scheduler(null)
                    .tokenCacheSize(0)
                    .staticJwks(new JWKSet(keys).toString())
                    .build()) {
                String token = mint(signer, signerKid, issuer);
                report(String.valueOf(n), time(() -> v.verify(token), 3000, 20000));
            }
        }

        System.out.println("issuers,verify_us_mean,verify_us_p50,verify_us_p99");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = http.getAddress().getPort();
        String jwks = new JWKSet(List.of(
                        signerJwk,
                        jwk((RSAPublicKey) big.getPublic(), UUID.randomUUID().toString()),
                        jwk((RSAPublicKey) big.getPublic(), UUID.randomUUID().toString())))
                .toString();
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String base = "http://127.0.0.1:" + port + path.substring(0, path.indexOf("/.well-known/"));
            String body = path.endsWith("openid-configuration")
                    ? "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/.well-known/keys\"}"
                    : jwks;
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("Cache-Control", "max-age=3600");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try {
            for (int n : new int[] {1, 50}) {
                TokenVerifier.Builder b = TokenVerifier.builder().audiences(AUD).tokenCacheSize(0);
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String issuer = "http://127.0.0.1:" + port + "/t" + i + "/v1/identity/oidc";
                    b.issuer(issuer);
                    tokens.add(mint(signer, signerKid, issuer));
                }
                try (TokenVerifier v = b.build()) {
                    if (!v.warmUp().get()) {
                        throw new IllegalStateException("issuers not ready");
                    }
                    int[] i = {0};
                    report(String.valueOf(n), time(() -> v.verify(tokens.get(i[0]++ % tokens.size())), 3000, 20000));
                }
            }
        } finally {
            http.stop(0);
        }
    }

    interface Op {
        void run() throws Exception;
    }

    private static long[] time(Op op, int warm, int n) throws Exception {
        for (int i = 0; i < warm; i++) {
            op.run();
        }
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            op.run();
            ns[i] = System.nanoTime() - t0;
        }
        return ns;
    }

    private static void report(String label, long[] ns) {
        double mean = Arrays.stream(ns).average().orElse(0) / 1000;
        Arrays.sort(ns);
        System.out.printf(
                "%s,%.1f,%.1f,%.1f%n", label, mean, ns[ns.length / 2] / 1000.0, ns[(int) (ns.length * 0.99)] / 1000.0);
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static JWK jwk(RSAPublicKey key, String kid) {
        return new RSAKey.Builder(key)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }

    private static String mint(KeyPair kp, String kid, String issuer) throws Exception {
        long now = Instant.now().getEpochSecond();
        String h = B64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String p = B64.encodeToString(("{\"aud\":\"" + AUD + "\",\"exp\":" + (now + 86400) + ",\"iat\":" + now
                        + ",\"iss\":\"" + issuer + "\",\"namespace\":\"root\",\"sub\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(kp.getPrivate());
        s.update((h + "." + p).getBytes(StandardCharsets.US_ASCII));
        return h + "." + p + "." + B64.encodeToString(s.sign());
    }
}
