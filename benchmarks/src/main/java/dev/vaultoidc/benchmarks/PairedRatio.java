package dev.vaultoidc.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Ratios that survive a loaded machine. JMH measures each library in its own fork, minutes apart, so when other
 * jobs come and go the ratio between two rows is mostly the change in load. Here every implementation runs in one
 * JVM, in short single-threaded slices, interleaved in a shuffled order for several rounds; a ratio between two
 * rows is the median of their per-round ratios, and each slice's median per-call latency is kept as well (a call
 * that was not preempted costs what it would on an idle core).
 *
 * <p>Two phases, in two JVMs, because registering a provider globally cannot be undone for the code that already
 * looked it up:
 * <ul>
 *   <li>{@link Phase#STOCK}, in the calling JVM, where ACCP is on the class path but not registered: the JDK limit,
 *   the native limit and vault-oidc's native path (both call ACCP directly), vault-oidc on the JDK, and the peers
 *   as they run on a stock JDK;</li>
 *   <li>{@link Phase#NATIVE_GLOBAL}, in a child JVM of the same JDK and class path that registers ACCP first in
 *   the provider list before anything else runs: the peers with ACCP ({@code -native} rows), against the same
 *   two limits and vault-oidc's native path, so those ratios are interleaved too.</li>
 * </ul>
 */
final class PairedRatio {
    /** Every row the paired run can produce, in table order; the names are the {@code impl} values of the JSON. */
    static final List<String> IMPLS = List.of(
            "jca-jdk",
            "jca-native",
            "vault-oidc-distinct",
            "vault-oidc-distinct-native",
            "vault-oidc-repeated",
            "nimbus",
            "nimbus-native",
            "spring",
            "spring-native",
            "auth0",
            "auth0-native",
            "jose4j",
            "jose4j-native");

    static final List<String> PEERS = List.of("nimbus", "spring", "auth0", "jose4j");

    enum Phase {
        STOCK,
        NATIVE_GLOBAL
    }

    /**
     * One phase's measurements of one algorithm: per implementation, the ops/s and the median call latency (ns) of
     * each round's slice.
     */
    record Result(String alg, Phase phase, Map<String, double[]> ops, Map<String, double[]> p50) {
        boolean has(String impl) {
            return ops.containsKey(impl);
        }

        double medianOps(String impl) {
            return has(impl) ? median(ops.get(impl)) : Double.NaN;
        }

        /** The lowest per-slice median latency, µs: the load-robust estimate of the cost on an idle core. */
        double latencyMicros(String impl) {
            return has(impl) ? Arrays.stream(p50.get(impl)).min().orElseThrow() / 1000 : Double.NaN;
        }

        /** How many times faster {@code a} is than {@code b}: the median of the per-round throughput ratios. */
        double ratio(String a, String b) {
            if (!has(a) || !has(b)) {
                return Double.NaN;
            }
            double[] x = ops.get(a);
            double[] y = ops.get(b);
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = x[i] / y[i];
            }
            return median(r);
        }

        /** The same by latency: {@code b}'s best median latency over {@code a}'s. */
        double latencyRatio(String a, String b) {
            return latencyMicros(b) / latencyMicros(a);
        }
    }

    private PairedRatio() {}

    /**
     * Both phases for each of {@code algs}: {@link Phase#STOCK} here, then {@link Phase#NATIVE_GLOBAL} for all of
     * them in one child JVM when ACCP loads on this machine. Every target compares rows of one phase, so the two
     * phases need not be adjacent in time.
     */
    static List<Result> runBoth(List<String> algs, int rounds, long sliceMillis, int pool) throws Exception {
        List<Result> out = new ArrayList<>();
        for (String alg : algs) {
            out.add(run(alg, Phase.STOCK, rounds, sliceMillis, pool));
        }
        if (NativeCrypto.available()) {
            out.addAll(runNativeGlobalInChild(algs, rounds, sliceMillis, pool));
        }
        return out;
    }

    static Result run(String alg, Phase phase, int rounds, long sliceMillis, int pool) throws Exception {
        if (phase == Phase.NATIVE_GLOBAL && !NativeCrypto.installedGlobally()) {
            throw new IllegalStateException("the native-global phase needs ACCP registered first in this JVM");
        }
        if (phase == Phase.STOCK && NativeCrypto.installedGlobally()) {
            throw new IllegalStateException("the stock phase cannot run where ACCP is registered globally");
        }
        try (VerifyFixture f = new VerifyFixture(alg, null, pool)) {
            Map<String, Op> ops = new LinkedHashMap<>();
            int[] cursor = new int[1];
            ops.put("jca-jdk", () -> f.jca(next(cursor, f.tokens.length)));
            if (f.hasNative()) {
                ops.put("jca-native", () -> f.jcaNative(next(cursor, f.tokens.length)));
            }
            List<Library.Check> checks = new ArrayList<>();
            try {
                for (Library lib : Library.values()) {
                    String name = rowName(lib, phase);
                    if (name == null || !lib.supports(alg)) {
                        continue;
                    }
                    Library.Check c = lib.create(f.server, alg, Clock.systemUTC());
                    checks.add(c);
                    if (lib == Library.VAULT_OIDC) {
                        ops.put(name, () -> c.verify(f.repeated) != null);
                    } else {
                        ops.put(name, () -> c.verify(f.tokens[next(cursor, f.tokens.length)]) != null);
                    }
                }
                // Warm-up: one slice each, twice, so every library is compiled before it is timed (once when the
                // slices are short, as in --quick, which checks that everything runs and measures nothing).
                for (int w = 0; w < (sliceMillis >= 100 ? 2 : 1); w++) {
                    for (Op op : ops.values()) {
                        slice(op, sliceMillis);
                    }
                }
                Map<String, double[]> perRound = new LinkedHashMap<>();
                Map<String, double[]> p50s = new LinkedHashMap<>();
                ops.keySet().forEach(k -> {
                    perRound.put(k, new double[rounds]);
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
                }
                return new Result(alg, phase, perRound, p50s);
            } finally {
                checks.forEach(Library.Check::close);
            }
        }
    }

    /** The row a library gives in a phase, or {@code null} when it has none there. */
    static String rowName(Library lib, Phase phase) {
        return switch (lib) {
            case VAULT_OIDC -> phase == Phase.STOCK ? "vault-oidc-repeated" : null;
            case VAULT_OIDC_NO_CACHE -> phase == Phase.STOCK ? "vault-oidc-distinct" : null;
            case VAULT_OIDC_NATIVE -> "vault-oidc-distinct-native";
            default -> lib.name().toLowerCase(Locale.ROOT) + (phase == Phase.STOCK ? "" : "-native");
        };
    }

    /** Runs {@link Phase#NATIVE_GLOBAL} in a fresh JVM of the same JDK and class path and reads its result. */
    static List<Result> runNativeGlobalInChild(List<String> algs, int rounds, long sliceMillis, int pool)
            throws Exception {
        Path out = Files.createTempFile("paired-native-", ".json");
        Path log = Files.createTempFile("paired-native-", ".log");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (Runtime.version().feature() >= 22) {
                cmd.add("--enable-native-access=ALL-UNNAMED"); // ACCP loads its library with System.load
            }
            cmd.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    PairedRatio.class.getName(),
                    Integer.toString(rounds),
                    Long.toString(sliceMillis),
                    Integer.toString(pool),
                    out.toString()));
            cmd.addAll(algs);
            // The child's output goes through a file and then to our stdout: inherited descriptors are lost
            // where stdout is a pipe read by someone else (a test runner's fork).
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.print(output);
            if (!done || p.exitValue() != 0) {
                throw new IllegalStateException("native-global phase "
                        + (done ? "failed, exit " + p.exitValue() : "timed out") + ":\n" + output);
            }
            return JSON.readValue(out.toFile(), new TypeReference<List<Result>>() {});
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The child JVM of {@link Phase#NATIVE_GLOBAL}: registers ACCP first, before any other code looks up a
     * provider, runs the phase for each algorithm and writes the {@link Result}s as JSON. Arguments: rounds,
     * slice ms, pool, output file, algorithms.
     */
    public static void main(String[] args) throws Exception {
        NativeCrypto.installGlobally();
        List<Result> results = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            results.add(run(
                    args[i],
                    Phase.NATIVE_GLOBAL,
                    Integer.parseInt(args[0]),
                    Long.parseLong(args[1]),
                    Integer.parseInt(args[2])));
        }
        JSON.writeValue(new File(args[3]), results);
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

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
