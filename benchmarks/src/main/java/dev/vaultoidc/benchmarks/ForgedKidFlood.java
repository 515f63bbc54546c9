package dev.vaultoidc.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forged-{@code kid} flood: {@code floodThreads} clients send tokens naming a fresh random {@code kid} each (the
 * signature is junk: no library gets that far), while one client keeps presenting valid tokens. Reports the JWKS
 * fetches the flood caused and the valid client's latency and failures during the flood, next to its latency in
 * the same setup without a flood. Setup as in {@link RotationStorm} (warm keys, 400 ms, clock moved 31 s for
 * vault-oidc), and the same JWKS delay.
 */
final class ForgedKidFlood {
    record Result(
            Library library,
            int floodThreads,
            Duration duration,
            int fetches,
            int forgedRequests,
            int validOk,
            int validFailed,
            Latencies quiet,
            Latencies flooded) {}

    private ForgedKidFlood() {}

    static Result run(Library library, int floodThreads, Duration duration, Duration jwksDelay) throws Exception {
        try (KeyServer server = new KeyServer()) {
            SigningKey key = SigningKey.generate("RS256", "key-1");
            server.publish(List.of(key));
            ShiftableClock clock = new ShiftableClock();
            try (Library.Check check = library.create(server, "RS256", clock)) {
                List<String> valid = VaultTokens.mint(key, server.issuer(), 256);
                for (String t : valid) {
                    check.verify(t); // warm
                }
                Thread.sleep(400);
                clock.advance(Duration.ofSeconds(31));
                server.delayJwks(jwksDelay.toMillis());

                Probe quiet = probe(check, valid, duration);
                int before = server.jwksFetches();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger forged = new AtomicInteger();
                Thread[] flood = new Thread[floodThreads];
                String payload = b64(
                        VaultTokens.claims(server.issuer(), UUID.randomUUID().toString()));
                for (int i = 0; i < floodThreads; i++) {
                    flood[i] = new Thread(
                            () -> {
                                byte[] junk = new byte[256];
                                while (!stop.get()) {
                                    ThreadLocalRandom.current().nextBytes(junk);
                                    String header = b64("{\"alg\":\"RS256\",\"kid\":\"" + UUID.randomUUID() + "\"}");
                                    String token = header + "." + payload + "."
                                            + Base64.getUrlEncoder()
                                                    .withoutPadding()
                                                    .encodeToString(junk);
                                    try {
                                        check.verify(token);
                                    } catch (Exception expected) {
                                        // every forged token must be rejected; what counts is what it cost
                                    }
                                    forged.incrementAndGet();
                                }
                            },
                            "flood-" + i);
                    flood[i].start();
                }
                Probe during = probe(check, valid, duration);
                stop.set(true);
                for (Thread t : flood) {
                    t.join();
                }
                int fetches = server.jwksFetches() - before;
                return new Result(
                        library,
                        floodThreads,
                        duration,
                        fetches,
                        forged.get(),
                        during.ok,
                        during.failed,
                        quiet.latency,
                        during.latency);
            }
        }
    }

    private record Probe(int ok, int failed, Latencies latency) {}

    /** One client verifying valid tokens back to back for {@code duration}. */
    private static Probe probe(Library.Check check, List<String> valid, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long[] nanos = new long[1 << 20];
        int n = 0;
        int ok = 0;
        int failed = 0;
        while (System.nanoTime() < end && n < nanos.length) {
            String t = valid.get(n % valid.size());
            long t0 = System.nanoTime();
            try {
                check.verify(t);
                ok++;
            } catch (Exception e) {
                failed++;
            }
            nanos[n++] = System.nanoTime() - t0;
        }
        return new Probe(ok, failed, Latencies.of(nanos, n));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
