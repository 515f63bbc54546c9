package dev.vaultoidc.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vaultoidc.benchmarks.PairedRatio.Phase;
import dev.vaultoidc.benchmarks.PairedRatio.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link PairedRatio}'s results say: Markdown tables for {@code docs/benchmarks.md}, the issue-15 targets with
 * a verdict each, and the machine-readable JSON of {@code --json FILE}.
 */
final class PairedReport {
    private PairedReport() {}

    /**
     * Writes one object per algorithm and implementation: {@code alg}, {@code impl} (one of
     * {@link PairedRatio#IMPLS}), {@code threads} (1), {@code ops_per_s} (median over the rounds),
     * {@code latency_us} (best slice's median call latency) and {@code jdk}. A row measured in both JVMs (the limits,
     * vault-oidc's native path) is taken from the stock JVM; the {@code -native} peer rows come from the JVM where
     * ACCP is registered globally.
     */
    static void writeJson(List<Result> results, Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String alg : algs(results)) {
            for (String impl : PairedRatio.IMPLS) {
                Result r = source(results, alg, impl);
                if (r == null) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("alg", alg);
                row.put("impl", impl);
                row.put("threads", 1);
                row.put("ops_per_s", round(r.medianOps(impl), 1));
                row.put("latency_us", round(r.latencyMicros(impl), 2));
                row.put("jdk", Runtime.version().toString());
                rows.add(row);
            }
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
    }

    /** The result a row is reported from: the stock JVM's when it has the row, else the native-global JVM's. */
    static Result source(List<Result> results, String alg, String impl) {
        Result stock = find(results, alg, Phase.STOCK);
        if (stock != null && stock.has(impl)) {
            return stock;
        }
        Result global = find(results, alg, Phase.NATIVE_GLOBAL);
        return global != null && global.has(impl) ? global : null;
    }

    static Result find(List<Result> results, String alg, Phase phase) {
        return results.stream()
                .filter(r -> r.alg().equals(alg) && r.phase() == phase)
                .findFirst()
                .orElse(null);
    }

    static void printTables(List<Result> results) {
        for (Phase phase : Phase.values()) {
            System.out.println(
                    phase == Phase.STOCK
                            ? "\n#### Stock JVM (ACCP on the class path, not registered; vault-oidc and the native "
                                    + "limit call it directly)"
                            : "\n#### JVM with ACCP registered globally (first in the provider list): the peers' "
                                    + "`-native` rows");
            System.out.println("| alg | implementation | median ops/s | × JDK limit | × native limit | × best peer | "
                    + "latency µs (best slice median) | × JDK limit by latency | × native limit by latency | "
                    + "× best peer by latency |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String alg : algs(results)) {
                Result r = find(results, alg, phase);
                if (r == null) {
                    continue;
                }
                String best = bestPeer(r);
                for (String impl : PairedRatio.IMPLS) {
                    if (!r.has(impl)) {
                        continue;
                    }
                    boolean limit = impl.startsWith("jca-");
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %s | %,.0f | %s | %s | %s | %,.1f | %s | %s | %s |%n",
                            alg,
                            label(impl),
                            r.medianOps(impl),
                            x(r.ratio(impl, "jca-jdk")),
                            x(r.ratio(impl, "jca-native")),
                            limit || best == null ? "" : x(r.ratio(impl, best)),
                            r.latencyMicros(impl),
                            x(r.latencyRatio(impl, "jca-jdk")),
                            x(r.latencyRatio(impl, "jca-native")),
                            limit || best == null ? "" : x(r.latencyRatio(impl, best)));
                }
            }
        }
    }

    /** The fastest peer row of a result (by median ops/s), or {@code null}. */
    static String bestPeer(Result r) {
        String best = null;
        for (String impl : r.ops().keySet()) {
            if (isPeer(impl) && (best == null || r.medianOps(impl) > r.medianOps(best))) {
                best = impl;
            }
        }
        return best;
    }

    static boolean isPeer(String impl) {
        return PairedRatio.PEERS.contains(impl.replace("-native", ""));
    }

    /**
     * The targets of issue 15 (1 thread): each with the figure by latency ratio and by per-round throughput ratio,
     * and a verdict from the latency ratio (the load-robust one), noting when the throughput ratio disagrees.
     */
    static void printTargets(List<Result> results) {
        System.out.println("\n#### Targets (issue 15), 1 thread, JDK " + Runtime.version());
        System.out.println("| target | alg | by latency (verdict) | by per-round throughput | verdict |");
        System.out.println("|---|---|---:|---:|---|");
        for (String alg : algs(results)) {
            Result stock = find(results, alg, Phase.STOCK);
            Result global = find(results, alg, Phase.NATIVE_GLOBAL);
            if (stock != null) {
                target("vault-oidc ≥ 0.95 × JDK raw verify", alg, stock, "vault-oidc-distinct", "jca-jdk", 0.95);
                target(
                        "native vault-oidc ≥ 0.90 × native raw verify",
                        alg,
                        stock,
                        "vault-oidc-distinct-native",
                        "jca-native",
                        0.90);
                double need = alg.equals("RS256") ? 2 : 15;
                for (String peer : peers(stock, false)) {
                    target(
                            "native vault-oidc ≥ " + (int) need + " × stock " + peer,
                            alg,
                            stock,
                            "vault-oidc-distinct-native",
                            peer,
                            need);
                }
            }
            if (global != null) {
                for (String peer : peers(global, true)) {
                    target(
                            "native vault-oidc ahead of " + peer + " (ACCP global)",
                            alg,
                            global,
                            "vault-oidc-distinct-native",
                            peer,
                            1.0);
                }
            }
        }
    }

    private static List<String> peers(Result r, boolean nativeRows) {
        return r.ops().keySet().stream()
                .filter(PairedReport::isPeer)
                .filter(i -> i.endsWith("-native") == nativeRows)
                .toList();
    }

    private static void target(String what, String alg, Result r, String a, String b, double need) {
        double t = r.ratio(a, b);
        double l = r.latencyRatio(a, b);
        String verdict;
        if (Double.isNaN(l)) {
            verdict = "not measured (" + (r.has(a) ? b : a) + " missing)";
        } else {
            // By latency: a call that was not preempted costs what it would on an idle core, so this ratio holds
            // on a loaded machine, where the throughput ratio also measures who got the CPU.
            verdict = l >= need ? "met" : "missed";
            if (need == 1.0) {
                verdict += String.format(Locale.ROOT, " (%+.0f %%)", (l - 1) * 100);
            }
            if ((t >= need) != (l >= need)) {
                verdict += ", throughput says " + (t >= need ? "met" : "missed");
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", what, alg, x(l), x(t), verdict);
    }

    private static List<String> algs(List<Result> results) {
        return results.stream().map(Result::alg).distinct().toList();
    }

    private static String x(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static String label(String impl) {
        return switch (impl) {
            case "jca-jdk" -> "`jca-jdk`: JDK `Signature.verify` (JDK limit)";
            case "jca-native" -> "`jca-native`: ACCP `Signature.verify` (native limit)";
            case "vault-oidc-distinct" -> "**`vault-oidc-distinct`** (JDK, token cache off)";
            case "vault-oidc-distinct-native" -> "**`vault-oidc-distinct-native`** (ACCP, token cache off)";
            case "vault-oidc-repeated" -> "**`vault-oidc-repeated`** (cache hit)";
            default -> "`" + impl + "`";
        };
    }
}
