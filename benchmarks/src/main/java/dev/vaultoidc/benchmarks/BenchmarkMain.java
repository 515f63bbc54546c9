package dev.vaultoidc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite and prints Markdown tables for {@code docs/benchmarks.md}:
 * <ol>
 *   <li>verification throughput (JMH: {@link VerifyBenchmark}, {@link VerifyEdDsaBenchmark}) with 1 and 2 threads,
 *   with the ratio to the JCA limit and to the best peer;</li>
 *   <li>the key-rotation storm ({@link RotationStorm}) and the forged-kid flood ({@link ForgedKidFlood});</li>
 *   <li>the scenarios that need other modules, when they are present.</li>
 * </ol>
 * Usage: {@code java -jar benchmarks.jar [--quick] [--only verify|filter|paired|storm|flood|supplier] [--jmh-log DIR]
 * [--json FILE]}; {@code --json} writes the interleaved (paired) results as a JSON array ({@link PairedReport}).
 * {@code java -cp benchmarks.jar org.openjdk.jmh.Main ...} runs JMH directly with its usual options.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        String only = value(a, "--only");
        String json = value(a, "--json");
        Path logDir = Path.of(value(a, "--jmh-log") == null ? "." : value(a, "--jmh-log"));
        Instant start = Instant.now();
        System.out.println("# vault-oidc benchmarks, " + start);
        System.out.println("JDK " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load " + load());

        if (only == null || only.equals("verify")) {
            List<Row> rows = new ArrayList<>();
            for (int threads : new int[] {1, 2}) {
                System.out.println("\n## Verification, " + threads + " thread(s) — load before: " + load());
                rows.addAll(verify(threads, quick, logDir.resolve("jmh-verify-t" + threads + ".log")));
                System.out.println("load after: " + load());
            }
            printVerifyTable(rows);
        }
        if (only == null || only.equals("filter")) {
            System.out.println(
                    "\n## Filter per-request path, in process (no container, no sockets), 1 thread — load " + load());
            ChainedOptionsBuilder o = jmh(quick)
                    .include(FilterPathBenchmark.class.getName() + "\\.")
                    .threads(1)
                    .output(logDir.resolve("jmh-filter.log").toString());
            Map<String, double[]> byVariant = new TreeMap<>();
            for (RunResult r : new Runner(o.build()).run()) {
                var st = r.getPrimaryResult().getStatistics();
                byVariant.put(
                        r.getParams().getParam("variant"),
                        new double[] {st.getMean(), st.getPercentile(50), st.getPercentile(99)});
            }
            double[] none = byVariant.getOrDefault("none", new double[] {Double.NaN, Double.NaN, Double.NaN});
            System.out.println("| variant | µs per request, median | mean | p99 | added to the no-op filter, µs: "
                    + "median (mean) |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (String v : List.of("none", "hit", "miss", "miss-native")) {
                double[] x = byVariant.get(v);
                if (x != null) {
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %.3f | %.3f | %.3f | %s |%n",
                            switch (v) {
                                case "none" -> "no-op filter (calls the chain)";
                                case "hit" -> "VaultOidcFilter, verified-token cache hit";
                                case "miss" -> "VaultOidcFilter, cache miss (token cache off, full RS256 verify, JDK)";
                                default -> "VaultOidcFilter, cache miss (token cache off, full RS256 verify, ACCP)";
                            },
                            x[1],
                            x[0],
                            x[2],
                            v.equals("none")
                                    ? ""
                                    : String.format(Locale.ROOT, "%.3f (%.3f)", x[1] - none[1], x[0] - none[0]));
                }
            }
            System.out.println("load after: " + load());
        }
        if (only == null || only.equals("paired")) {
            int rounds = quick ? 2 : 8;
            long slice = quick ? 20 : 250;
            System.out.println("\n## Interleaved ratios (1 thread, median of " + rounds + " shuffled rounds of " + slice
                    + " ms slices; stock JVM, then a JVM with ACCP registered globally) — load " + load()
                    + (NativeCrypto.available() ? "" : "\nACCP unavailable: " + NativeCrypto.unavailableReason()));
            List<PairedRatio.Result> results = PairedRatio.runBoth(
                    List.of("RS256", "ES256", "EdDSA"), rounds, slice, quick ? 32 : VerifyFixture.POOL);
            PairedReport.printTables(results);
            PairedReport.printTargets(results);
            if (json != null) {
                PairedReport.writeJson(results, Path.of(json));
                System.out.println("JSON: " + json);
            }
            System.out.println("load after: " + load());
        }
        Duration delay = Duration.ofMillis(20);
        if (only == null || only.equals("storm")) {
            System.out.println("\n## Key-rotation storm: 64 threads, new kid, JWKS answered after " + delay.toMillis()
                    + " ms — load " + load());
            System.out.println(
                    "| library | JWKS fetches | accepted | rejected (first reason) | p50 µs | p99 µs | max µs "
                            + "| fetches after 31 s |");
            System.out.println("|---|---:|---:|---|---:|---:|---:|---:|");
            for (Library lib :
                    List.of(Library.VAULT_OIDC, Library.NIMBUS, Library.SPRING, Library.AUTH0, Library.JOSE4J)) {
                RotationStorm.Result r = RotationStorm.run(lib, 64, delay);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %d | %d%s | %d | %d | %d | %d |%n",
                        lib.label(),
                        r.fetches(),
                        r.accepted(),
                        r.rejected(),
                        r.firstError() == null ? "" : " (" + r.firstError() + ")",
                        r.latency().p50Micros(),
                        r.latency().p99Micros(),
                        r.latency().maxMicros(),
                        r.laterFetches());
            }
        }
        if (only == null || only.equals("flood")) {
            Duration d = quick ? Duration.ofMillis(300) : Duration.ofSeconds(2);
            System.out.println(
                    "\n## Forged-kid flood: 4 flood threads for " + d.toMillis() + " ms, JWKS answered after "
                            + delay.toMillis() + " ms, one client with valid tokens — load " + load());
            System.out.println(
                    "| library | JWKS fetches | forged requests | valid ok / failed | valid p50 / p99 µs quiet "
                            + "| valid p50 / p99 / max µs in flood |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Library lib : List.of(
                    Library.VAULT_OIDC_NO_CACHE, Library.NIMBUS, Library.SPRING, Library.AUTH0, Library.JOSE4J)) {
                ForgedKidFlood.Result r = ForgedKidFlood.run(lib, 4, d, delay);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %d | %d / %d | %d / %d | %d / %d / %d |%n",
                        lib.label(),
                        r.fetches(),
                        r.forgedRequests(),
                        r.validOk(),
                        r.validFailed(),
                        r.quiet().p50Micros(),
                        r.quiet().p99Micros(),
                        r.flooded().p50Micros(),
                        r.flooded().p99Micros(),
                        r.flooded().maxMicros());
            }
        }
        if (only == null || only.equals("supplier")) {
            long gets = quick ? 10_000 : 1_000_000;
            System.out.println(
                    "\n## IdTokenSupplier: " + gets + " get() from 100 threads against the emulator — load " + load());
            SupplierScenario.Result r = SupplierScenario.run(100, gets);
            System.out.println("| get() calls | Vault calls | per million get() | distinct tokens | get()/s |");
            System.out.println("|---:|---:|---:|---:|---:|");
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %d | %.1f | %d | %,.0f |%n",
                    r.gets(),
                    r.vaultCalls(),
                    r.callsPerMillion(),
                    r.distinctTokens(),
                    r.getsPerSecond());
        }
        System.out.println("\nTotal " + Duration.between(start, Instant.now()).toSeconds() + " s, load " + load());
    }

    /** One JMH result: benchmark method, algorithm, threads, score and error in ops/s. */
    record Row(String method, String alg, int threads, double score, double min, double max) {}

    static List<Row> verify(int threads, boolean quick, Path log) throws Exception {
        ChainedOptionsBuilder o = jmh(quick)
                .include(VerifyBenchmark.class.getName() + "\\.")
                .include(VerifyEdDsaBenchmark.class.getName() + "\\.")
                .threads(threads)
                .output(log.toString());
        Collection<RunResult> results = new Runner(o.build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            String alg = cls.endsWith("VerifyEdDsaBenchmark")
                    ? "EdDSA"
                    : r.getParams().getParam("alg");
            var stats = r.getPrimaryResult().getStatistics();
            Row row = new Row(
                    bench.substring(bench.lastIndexOf('.') + 1),
                    alg,
                    threads,
                    r.getPrimaryResult().getScore(),
                    stats.getMin(),
                    stats.getMax());
            rows.add(row);
            System.out.printf(
                    Locale.ROOT,
                    "%-18s %-6s t=%d %,12.0f ops/s (iterations %,.0f…%,.0f)%n",
                    row.method,
                    row.alg,
                    threads,
                    row.score,
                    row.min,
                    row.max);
        }
        return rows;
    }

    /** JMH settings of the suite: one fork per benchmark, short iterations, so the whole run fits 10 minutes. */
    static ChainedOptionsBuilder jmh(boolean quick) {
        ChainedOptionsBuilder o = new OptionsBuilder().shouldFailOnError(true).forks(1);
        if (quick) {
            return o.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(300));
        }
        // ~11 s per benchmark including the fork and minting; the 39 of them fit the budget. vault-oidc's path
        // (Jackson, Nimbus, Caffeine) needs ~4 s of JIT warm-up: one 1.5 s warm-up iteration measured it at half
        // its speed.
        return o.warmupIterations(2)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(1500));
    }

    private static final List<String> PEERS = PairedRatio.PEERS;

    static void printVerifyTable(List<Row> rows) {
        System.out.println("\n## Verification throughput (ops/s; ratio to the JCA limit and to the best peer)");
        System.out.println("| alg | threads | implementation | ops/s | iterations min…max | × JCA | × best peer |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|");
        Map<String, List<Row>> groups = new TreeMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.alg + "/" + r.threads, k -> new ArrayList<>())
                    .add(r);
        }
        for (List<Row> g : groups.values()) {
            double jca = g.stream()
                    .filter(r -> r.method.equals("jcaLimit"))
                    .mapToDouble(Row::score)
                    .findFirst()
                    .orElse(Double.NaN);
            double bestPeer = g.stream()
                    .filter(r -> PEERS.contains(r.method))
                    .mapToDouble(Row::score)
                    .max()
                    .orElse(Double.NaN);
            g.sort((x, y) -> Integer.compare(order(x.method), order(y.method)));
            for (Row r : g) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %s | %,.0f | %,.0f…%,.0f | %.2f | %s |%n",
                        r.alg,
                        r.threads,
                        label(r.method),
                        r.score,
                        r.min,
                        r.max,
                        r.score / jca,
                        Double.isNaN(bestPeer) || r.method.equals("jcaLimit")
                                ? ""
                                : String.format(Locale.ROOT, "%.2f", r.score / bestPeer));
            }
        }
    }

    private static int order(String method) {
        List<String> o =
                List.of("jcaLimit", "vaultOidcDistinct", "vaultOidcRepeated", "nimbus", "spring", "auth0", "jose4j");
        return o.indexOf(method);
    }

    private static String label(String method) {
        return switch (method) {
            case "jcaLimit" -> "JCA `Signature.verify` (limit)";
            case "vaultOidcDistinct" -> "**vault-oidc, distinct tokens** (token cache off)";
            case "vaultOidcRepeated" -> "**vault-oidc, repeated token** (cache hit)";
            case "nimbus" -> Library.NIMBUS.label();
            case "spring" -> Library.SPRING.label();
            case "auth0" -> Library.AUTH0.label();
            case "jose4j" -> Library.JOSE4J.label();
            default -> method;
        };
    }

    /** The 1/5/15-minute load average, as {@code uptime} prints it. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String value(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
