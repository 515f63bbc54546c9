package dev.vaultoidc.benchmarks;

import java.util.Arrays;

/** Percentiles of a set of latencies in nanoseconds, reported in microseconds (nearest-rank). */
record Latencies(int count, long p50Micros, long p99Micros, long maxMicros) {
    static Latencies of(long[] nanos, int n) {
        if (n == 0) {
            return new Latencies(0, 0, 0, 0);
        }
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        return new Latencies(n, rank(s, 0.50) / 1000, rank(s, 0.99) / 1000, s[n - 1] / 1000);
    }

    private static long rank(long[] sorted, double p) {
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
