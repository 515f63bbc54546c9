package dev.vaultoidc.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Key-rotation storm: the issuer starts signing with a key the verifier has not seen, and {@code threads} requests
 * carrying such tokens arrive at once. Reports how many JWKS fetches the library made, how many of the requests were
 * accepted, and their latency (p99 of 64 samples is the slowest but one; max is printed too).
 *
 * <p>Setup, the same for every library: keys fetched and one token verified; 400 ms of wall time pass (jose4j
 * refuses refreshes within 300 ms of the last); vault-oidc's injected clock is moved 31 s so its unknown-kid rate
 * limit (30 s, counted from any fetch) does not apply, as in a real rotation that comes long after the last fetch.
 * Nimbus's limiter allows two fetches per 30 s, so its storm fetch is allowed too. The key server answers JWKS
 * requests after {@code jwksDelay}, standing in for a remote Vault.
 */
final class RotationStorm {
    record Result(
            Library library,
            int threads,
            int fetches,
            int accepted,
            int rejected,
            Latencies latency,
            String firstError,
            int laterFetches) {}

    private RotationStorm() {}

    static Result run(Library library, int threads, Duration jwksDelay) throws Exception {
        try (KeyServer server = new KeyServer()) {
            SigningKey current = SigningKey.generate("RS256", "key-1");
            SigningKey next = SigningKey.generate("RS256", "key-2");
            server.publish(List.of(current));
            ShiftableClock clock = new ShiftableClock();
            try (Library.Check check = library.create(server, "RS256", clock)) {
                check.verify(VaultTokens.mint(current, server.issuer(), 1).get(0));
                List<String> tokens = VaultTokens.mint(next, server.issuer(), threads);
                Thread.sleep(400);
                clock.advance(Duration.ofSeconds(31));
                server.delayJwks(jwksDelay.toMillis());
                server.publish(List.of(current, next));
                int before = server.jwksFetches();

                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch go = new CountDownLatch(1);
                long[] nanos = new long[threads];
                AtomicInteger accepted = new AtomicInteger();
                String[] firstError = new String[1];
                Thread[] ts = new Thread[threads];
                for (int i = 0; i < threads; i++) {
                    int n = i;
                    ts[i] = new Thread(
                            () -> {
                                ready.countDown();
                                try {
                                    go.await();
                                } catch (InterruptedException e) {
                                    return;
                                }
                                long t0 = System.nanoTime();
                                try {
                                    check.verify(tokens.get(n));
                                    accepted.incrementAndGet();
                                } catch (Exception e) {
                                    synchronized (firstError) {
                                        if (firstError[0] == null) {
                                            firstError[0] = describe(e);
                                        }
                                    }
                                }
                                nanos[n] = System.nanoTime() - t0;
                            },
                            "storm-" + i);
                    ts[i].start();
                }
                ready.await();
                go.countDown();
                for (Thread t : ts) {
                    t.join();
                }
                int fetches = server.jwksFetches() - before;
                // Anything the storm left behind (vault-oidc marks a "trailing" fetch when it rate-limits an
                // unknown kid): let 31 s pass on the verifier's clock and present a token of the new key again.
                clock.advance(Duration.ofSeconds(31));
                try {
                    check.verify(VaultTokens.mint(next, server.issuer(), 1).get(0));
                } catch (Exception e) {
                    // counted below only through the fetches it causes
                }
                Thread.sleep(200 + jwksDelay.toMillis());
                int later = server.jwksFetches() - before - fetches;
                return new Result(
                        library,
                        threads,
                        fetches,
                        accepted.get(),
                        threads - accepted.get(),
                        Latencies.of(nanos, threads),
                        firstError[0],
                        later);
            }
        }
    }

    /** The exception type and, for vault-oidc, its reason; never the token. */
    static String describe(Exception e) {
        if (e instanceof dev.vaultoidc.core.verify.TokenVerificationException t) {
            return "TokenVerificationException(" + t.reason() + ")";
        }
        return e.getClass().getSimpleName();
    }
}
