package dev.vaultoidc.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end: {@code wrk} (a separate process, not Java) loads the Jetty sample ({@link WrkTarget}, each variant
 * in its own JVM) with an RS256 bearer token on every request, three ways: no protection, {@link
 * dev.vaultoidc.servlet.VaultOidcFilter} added in code, and the unmodified app under
 * {@code -javaagent:vault-oidc-agent.jar}. All three servers run at once; the wrk runs are interleaved in a
 * shuffled order for several rounds and each variant's throughput is divided by the no-protection run of the
 * same round (median of those ratios), as {@link PairedRatio} does in process.
 *
 * <p>With {@code taskset} and at least 2 CPUs, the servers are pinned to CPU 0 and wrk to CPU 1, so client and
 * server do not take turns on one core. A server pinned to one core and saturated serves 1/throughput seconds of
 * CPU per request, so the difference of those is what the filter or the agent adds per request.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.vaultoidc.benchmarks.WrkEndToEnd [--agent JAR] [--lua FILE]
 * [--rounds N] [--duration S] [--connections C] [--quick] [--no-pin]}; {@code benchmarks/wrk/run-e2e.sh} builds
 * what is missing and runs it.
 */
public final class WrkEndToEnd {
    private WrkEndToEnd() {}

    /** One wrk run: requests/s, latency percentiles (µs), and the answers that were not 2xx/3xx. */
    record Run(double rps, double p50Micros, double p99Micros, long non2xx) {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        Path agent = Path.of(opt(a, "--agent", "javaagent/target/vault-oidc-agent.jar"));
        Path lua = Path.of(opt(a, "--lua", "benchmarks/wrk/bearer.lua"));
        int rounds = Integer.parseInt(opt(a, "--rounds", quick ? "1" : "5"));
        int seconds = Integer.parseInt(opt(a, "--duration", quick ? "2" : "10"));
        int connections = Integer.parseInt(opt(a, "--connections", "16"));
        boolean pin = !a.contains("--no-pin") && Runtime.getRuntime().availableProcessors() >= 2 && onPath("taskset");
        if (!onPath("wrk")) {
            System.out.println("wrk is not installed (Debian: apt-get install -y wrk); end-to-end run skipped");
            System.exit(2);
        }
        if (!Files.isRegularFile(lua)) {
            throw new IllegalArgumentException("wrk script not found: " + lua.toAbsolutePath());
        }
        System.out.println("## End to end: wrk against the Jetty 12 ee10 sample, JDK " + Runtime.version() + ", load "
                + BenchmarkMain.load());
        System.out.println("wrk -t1 -c" + connections + " -d" + seconds + "s, " + rounds + " interleaved rounds, "
                + (pin ? "servers on CPU 0, wrk on CPU 1" : "not pinned"));

        try (KeyServer keys = new KeyServer()) {
            SigningKey key = SigningKey.generate("RS256", "bench-e2e");
            keys.publish(List.of(key));
            String token = VaultTokens.mint(key, keys.issuer(), 1).get(0);
            Map<String, Server> servers = new LinkedHashMap<>();
            try {
                servers.put("none", Server.start("none", List.of(), List.of("none"), pin));
                servers.put(
                        "filter",
                        Server.start(
                                "filter", List.of(), List.of("filter", keys.issuer(), VaultTokens.CLIENT_ID), pin));
                if (Files.isRegularFile(agent)) {
                    servers.put(
                            "agent",
                            Server.start(
                                    "agent",
                                    List.of("-javaagent:" + agent.toAbsolutePath() + "=issuer-uri=" + keys.issuer()
                                            + ",audiences=" + VaultTokens.CLIENT_ID),
                                    List.of("none"),
                                    pin));
                } else {
                    System.out.println("agent jar not found at " + agent.toAbsolutePath()
                            + " (./mvnw -B -ntp -o -q -pl javaagent -am package -DskipTests); agent row skipped");
                }
                for (Server s : servers.values()) {
                    s.awaitAnswers(token);
                }
                for (Server s : servers.values()) {
                    wrk(s, token, lua, connections, quick ? 1 : 5, pin); // warm-up: JIT, keys, connections
                }
                Map<String, List<Run>> runs = new LinkedHashMap<>();
                servers.keySet().forEach(k -> runs.put(k, new ArrayList<>()));
                List<String> order = new ArrayList<>(servers.keySet());
                Random random = new Random(7);
                for (int r = 0; r < rounds; r++) {
                    Collections.shuffle(order, random);
                    for (String k : order) {
                        Run run = wrk(servers.get(k), token, lua, connections, seconds, pin);
                        if (run.non2xx() > 0) {
                            throw new IllegalStateException(k + ": " + run.non2xx() + " answers were not 2xx");
                        }
                        runs.get(k).add(run);
                    }
                }
                print(runs);
            } finally {
                servers.values().forEach(Server::close);
            }
        }
        System.out.println("load after: " + BenchmarkMain.load());
    }

    private static void print(Map<String, List<Run>> runs) {
        List<Run> none = runs.get("none");
        System.out.println("| variant | req/s (median) | × no protection (per-round median) | × filter | "
                + "CPU µs per request (1/req/s) | added µs per request | latency p50 / p99 µs (median) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            List<Run> v = e.getValue();
            double rps = median(v.stream().mapToDouble(Run::rps).toArray());
            double perNone = perRound(v, none);
            double perFilter = runs.containsKey("filter") ? perRound(v, runs.get("filter")) : Double.NaN;
            double noneRps = median(none.stream().mapToDouble(Run::rps).toArray());
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,.0f | %.3f | %.3f | %.1f | %s | %,.0f / %,.0f |%n",
                    switch (e.getKey()) {
                        case "none" -> "no protection";
                        case "filter" -> "VaultOidcFilter (in code)";
                        default -> "Java agent (no code change)";
                    },
                    rps,
                    perNone,
                    perFilter,
                    1e6 / rps,
                    e.getKey().equals("none") ? "" : String.format(Locale.ROOT, "%.1f", 1e6 / rps - 1e6 / noneRps),
                    median(v.stream().mapToDouble(Run::p50Micros).toArray()),
                    median(v.stream().mapToDouble(Run::p99Micros).toArray()));
        }
        StringBuilder raw = new StringBuilder("per-round req/s:");
        runs.forEach((k, v) -> raw.append(' ')
                .append(k)
                .append('=')
                .append(v.stream()
                        .map(r -> String.format(Locale.ROOT, "%.0f", r.rps()))
                        .toList()));
        System.out.println(raw);
    }

    private static double perRound(List<Run> a, List<Run> b) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).rps() / b.get(i).rps();
        }
        return median(r);
    }

    private static double median(double[] v) {
        return PairedRatio.median(v);
    }

    static Run wrk(Server s, String token, Path lua, int connections, int seconds, boolean pin) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (pin) {
            cmd.addAll(List.of("taskset", "-c", "1"));
        }
        cmd.addAll(List.of(
                "wrk",
                "-t1",
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "-s",
                lua.toAbsolutePath().toString(),
                "http://127.0.0.1:" + s.port + "/hello"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("BENCH_TOKEN", token);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return parse(out);
    }

    /** Reads wrk's {@code --latency} report. */
    static Run parse(String out) {
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in wrk output:\n" + out);
        }
        Matcher non = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(out);
        long non2xx = non.find() ? Long.parseLong(non.group(1)) : 0;
        Matcher err = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(out);
        if (err.find()) {
            for (int g = 1; g <= 4; g++) {
                non2xx += Long.parseLong(err.group(g));
            }
        }
        return new Run(Double.parseDouble(rps.group(1)), percentile(out, "50%"), percentile(out, "99%"), non2xx);
    }

    private static double percentile(String out, String p) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(p) + "\\s+([0-9.]+)(us|ms|s)\\b")
                .matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v;
            case "ms" -> v * 1000;
            default -> v * 1_000_000;
        };
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String opt(List<String> args, String name, String dflt) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : dflt;
    }

    /** One {@link WrkTarget} JVM. */
    static final class Server implements AutoCloseable {
        final String name;
        final Process process;
        final int port;
        private final HttpClient http = HttpClient.newHttpClient();

        private Server(String name, Process process, int port) {
            this.name = name;
            this.process = process;
            this.port = port;
        }

        static Server start(String name, List<String> jvmArgs, List<String> args, boolean pin) throws IOException {
            List<String> cmd = new ArrayList<>();
            if (pin) {
                cmd.addAll(List.of("taskset", "-c", "0"));
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (Runtime.version().feature() >= 22) {
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            cmd.addAll(jvmArgs);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WrkTarget.class.getName()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("READY ")) {
                    Server s = new Server(
                            name, p, Integer.parseInt(line.substring(6).strip()));
                    drain(lines); // keep reading so a chatty server never blocks on a full pipe
                    return s;
                }
                seen.append(line).append('\n');
                if (line.contains("vault-oidc agent")) {
                    System.out.println("  (" + name + ") " + line.substring(line.indexOf("vault-oidc agent")));
                }
            }
            throw new IllegalStateException(name + " server did not start:\n" + seen);
        }

        private static void drain(BufferedReader lines) {
            Thread t = new Thread(() -> {
                try {
                    while (lines.readLine() != null) {
                        // discarded: the servers log nothing per request
                    }
                } catch (IOException ignored) {
                    // the server ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        /**
         * Waits until the server answers 200 to the token (the agent fetches keys in the background), and checks
         * that protection is really on: a request without a token must get 401 from the filter and the agent.
         */
        void awaitAnswers(String token) throws Exception {
            URI uri = URI.create("http://127.0.0.1:" + port + "/hello");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status;
            do {
                status = http.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 200) {
                    Thread.sleep(100);
                }
            } while (status != 200 && System.nanoTime() < deadline);
            if (status != 200) {
                throw new IllegalStateException(name + " answered " + status + " to a valid token");
            }
            int anonymous = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            int expected = name.equals("none") ? 200 : 401;
            if (anonymous != expected) {
                throw new IllegalStateException(
                        name + " answered " + anonymous + " without a token, expected " + expected);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
