package dev.vaultoidc.benchmarks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Ratios that survive a loaded machine. JMH measures each library in its own fork, minutes apart, so when other
 * jobs come and go the ratio between two rows is mostly the change in load. Here every implementation runs in one
 * JVM, in short single-threaded slices, interleaved in a shuffled order for several rounds; each slice is divided
 * by the JCA slice of the same round, and the median of those per-round ratios is reported. Absolute numbers
 * still come from JMH.
 */
final class PairedRatio {
    /**
     * Per implementation: median ops/s, median per-round ratio to the JCA limit, the lowest per-slice median
     * latency (ns) and the JCA's lowest median latency divided by it. A slice's median latency counts the calls
     * that were not preempted, so it estimates the cost on an idle core even when the machine is loaded.
     */
    record Result(String alg, Map<String, double[]> opsAndRatio) {}

    private PairedRatio() {}

    static Result run(String alg, int rounds, long sliceMillis) throws Exception {
        try (VerifyFixture f = new VerifyFixture(alg, null, 512)) {
            Map<String, Op> ops = new LinkedHashMap<>();
            int[] cursor = new int[1];
            ops.put("jcaLimit", () -> f.jca(next(cursor, f.tokens.length)));
            List<Library.Check> checks = new ArrayList<>();
            for (Library lib : Library.values()) {
                if (!lib.supports(alg)) {
                    continue;
                }
                Library.Check c = lib.create(f.server, alg, Clock.systemUTC());
                checks.add(c);
                if (lib == Library.VAULT_OIDC) {
                    ops.put("vaultOidcRepeated", () -> c.verify(f.repeated) != null);
                } else {
                    String name = lib == Library.VAULT_OIDC_NO_CACHE
                            ? "vaultOidcDistinct"
                            : lib.name().toLowerCase(java.util.Locale.ROOT);
                    ops.put(name, () -> c.verify(f.tokens[next(cursor, f.tokens.length)]) != null);
                }
            }
            try {
                // Warm-up: one slice each, twice, so every library is compiled before it is timed.
                for (int w = 0; w < 2; w++) {
                    for (Op op : ops.values()) {
                        slice(op, sliceMillis);
                    }
                }
                Map<String, double[]> perRound = new LinkedHashMap<>();
                Map<String, double[]> ratios = new LinkedHashMap<>();
                Map<String, double[]> p50s = new LinkedHashMap<>();
                ops.keySet().forEach(k -> {
                    perRound.put(k, new double[rounds]);
                    ratios.put(k, new double[rounds]);
                    p50s.put(k, new double[rounds]);
                });
                List<String> order = new ArrayList<>(ops.keySet());
                Random random = new Random(42);
                for (int r = 0; r < rounds; r++) {
                    Collections.shuffle(order, random);
                    for (String k : order) {
                        double[] sl = slice(ops.get(k), sliceMillis);
                        perRound.get(k)[r] = sl[0];
                        p50s.get(k)[r] = sl[1];
                    }
                    double jca = perRound.get("jcaLimit")[r];
                    for (String k : order) {
                        ratios.get(k)[r] = perRound.get(k)[r] / jca;
                    }
                }
                Map<String, double[]> out = new LinkedHashMap<>();
                double jcaP50 = Arrays.stream(p50s.get("jcaLimit")).min().orElseThrow();
                for (String k : ops.keySet()) {
                    double p50 = Arrays.stream(p50s.get(k)).min().orElseThrow();
                    out.put(k, new double[] {median(perRound.get(k)), median(ratios.get(k)), p50, jcaP50 / p50});
                }
                return new Result(alg, out);
            } finally {
                checks.forEach(Library.Check::close);
            }
        }
    }

    private interface Op {
        boolean run() throws Exception;
    }

    private static int next(int[] cursor, int n) {
        int i = cursor[0];
        cursor[0] = i + 1 == n ? 0 : i + 1;
        return i;
    }

    /** Operations per second over one slice, and the median latency (ns) of its calls. */
    private static double[] slice(Op op, long millis) throws Exception {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long[] lat = new long[1 << 16];
        int n = 0;
        long now = start;
        do {
            long t0 = now;
            if (!op.run()) {
                throw new IllegalStateException("verification failed");
            }
            now = System.nanoTime();
            if (n < lat.length) {
                lat[n] = now - t0;
            }
            n++;
        } while (now < end);
        long[] s = Arrays.copyOf(lat, Math.min(n, lat.length));
        Arrays.sort(s);
        return new double[] {n * 1e9 / (now - start), s[s.length / 2]};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
