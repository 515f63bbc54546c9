package dev.vaultoidc.openbao;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code bao server -dev}: OpenBao in memory, unsealed, with a known root token, on a
 * free loopback port. Closing it stops the process; a JVM shutdown hook stops it too when a test
 * run is cut short.
 *
 * <pre>{@code
 * try (OpenBaoDevServer bao = OpenBaoDevServer.builder().build().start()) {
 *   String addr = bao.address();      // http://127.0.0.1:<port>
 *   String token = bao.rootToken();   // random unless given
 * }
 * }</pre>
 *
 * <p>The server's output goes to {@link #logFile()}; it is deleted on a clean {@link #close()} and
 * kept (and quoted in the exception) when the server fails to start.
 *
 * <p>Dev mode listens on the given port for the API and on the next port for cluster traffic, so
 * both must be free; a start that loses a race for either is retried on other ports.
 */
public final class OpenBaoDevServer implements AutoCloseable {

    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OpenBaoBinary binary;
    private final String rootToken;
    private final Duration startTimeout;
    private OpenBaoBinary used;
    private Process process;
    private Thread shutdownHook;
    private Path logFile;
    private int port;

    private OpenBaoDevServer(Builder b) {
        this.binary = b.binary;
        this.rootToken =
                b.rootToken != null ? b.rootToken : "bao-" + HexFormat.of().formatHex(randomBytes());
        this.startTimeout = b.startTimeout;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A builder: binary from {@link OpenBaoBinary#locate()}, random root token, 60 s start timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server and waits until {@code GET /v1/sys/health} answers 200.
     *
     * @return this, for chaining
     * @throws OpenBaoUnavailableException when {@code bao} is missing or the server does not come up
     */
    public synchronized OpenBaoDevServer start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        OpenBaoBinary bin = binary != null ? binary : OpenBaoBinary.locate();
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int p = freePortPair();
            Path log = newLogFile();
            Process proc = launch(bin, p, log);
            Thread hook = new Thread(() -> stop(proc), "openbao-dev-server-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            String failure = awaitHealthy(proc, p, log);
            if (failure == null) {
                used = bin;
                process = proc;
                shutdownHook = hook;
                logFile = log;
                port = p;
                return this;
            }
            stop(proc);
            removeHook(hook);
            failures.add("attempt " + attempt + " on port " + p + ": " + failure);
            if (!failure.contains("address already in use")) {
                throw new OpenBaoUnavailableException(
                        "OpenBao dev server (" + bin + ") did not start: " + failure + "; log: " + log, false);
            }
            deleteQuietly(log);
        }
        throw new OpenBaoUnavailableException("OpenBao dev server did not start: " + failures, false);
    }

    private Process launch(OpenBaoBinary bin, int p, Path log) {
        List<String> cmd = List.of(
                bin.path().toString(),
                "server",
                "-dev",
                "-dev-root-token-id=" + rootToken,
                "-dev-listen-address=127.0.0.1:" + p,
                // Dev mode otherwise writes the root token to ~/.vault-token, clobbering the user's own.
                "-dev-no-store-token");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The server must not pick up a developer's own Vault or OpenBao settings.
        for (String k : List.of(
                "VAULT_ADDR",
                "VAULT_TOKEN",
                "BAO_ADDR",
                "BAO_TOKEN",
                "VAULT_NAMESPACE",
                "BAO_NAMESPACE",
                "BAO_DEV_ROOT_TOKEN_ID",
                "BAO_DEV_LISTEN_ADDRESS",
                "VAULT_DEV_ROOT_TOKEN_ID",
                "VAULT_DEV_LISTEN_ADDRESS")) {
            pb.environment().remove(k);
        }
        try {
            Process proc = pb.start();
            proc.getOutputStream().close();
            return proc;
        } catch (IOException e) {
            throw new OpenBaoUnavailableException("cannot run " + bin.path(), e);
        }
    }

    /** Null when healthy; otherwise why not (with the log's tail). */
    private String awaitHealthy(Process proc, int p, Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/v1/sys/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!proc.isAlive()) {
                return "bao exited with status " + proc.exitValue() + ": " + tail(log);
            }
            try {
                HttpResponse<Void> r = http.send(health, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return null;
                }
                last = "sys/health answered " + r.statusCode();
            } catch (IOException e) {
                last = "sys/health: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for sys/health";
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for sys/health";
            }
        }
        return "not healthy after " + startTimeout.toSeconds() + " s (" + last + "): " + tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * A port whose successor is free as well (dev mode's cluster listener takes port + 1). Another
     * process may still take either before bao binds; {@link #start()} retries then.
     */
    private static int freePortPair() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
                int p = s.getLocalPort();
                if (p >= 65_535) {
                    continue;
                }
                try (ServerSocket next = new ServerSocket()) {
                    next.bind(new InetSocketAddress(loopback, p + 1), 1);
                    return p;
                } catch (IOException busy) {
                    // The cluster port is taken; try another pair.
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
        }
        throw new IllegalStateException("no free pair of loopback ports found");
    }

    private static Path newLogFile() {
        try {
            return Files.createTempFile("openbao-dev-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the OpenBao log file", e);
        }
    }

    private static void stop(Process proc) {
        if (!proc.isAlive()) {
            return;
        }
        proc.destroy();
        try {
            if (!proc.waitFor(10, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                proc.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it stops the process itself.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover log in the temp directory is harmless.
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and deletes its log. Idempotent. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stop(process);
        removeHook(shutdownHook);
        deleteQuietly(logFile);
        process = null;
    }

    /** True between a successful {@link #start()} and {@link #close()} while the process lives. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>}, what {@code VAULT_ADDR} would be. */
    public synchronized String address() {
        requireStarted();
        return "http://127.0.0.1:" + port;
    }

    /** The API port. */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The dev server's root token (never printed by {@link #toString()}). */
    public String rootToken() {
        return rootToken;
    }

    /** The binary running; {@link OpenBaoBinary#version()} says which OpenBao. */
    public synchronized OpenBaoBinary binary() {
        requireStarted();
        return used;
    }

    /** Where the server's output goes while it runs. */
    public synchronized Path logFile() {
        requireStarted();
        return logFile;
    }

    /** The server's process id, e.g. to check it is gone after {@link #close()}. */
    public synchronized long pid() {
        requireStarted();
        return process.pid();
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
    }

    @Override
    public synchronized String toString() {
        return "OpenBaoDevServer[" + (process == null ? "stopped" : address()) + ", rootToken=<redacted>]";
    }

    /** Builds an {@link OpenBaoDevServer}; validates eagerly. */
    public static final class Builder {
        private OpenBaoBinary binary;
        private String rootToken;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** The binary to run; default {@link OpenBaoBinary#locate()} at {@link #start()}. */
        public Builder binary(OpenBaoBinary binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** The root token; default a random one. */
        public Builder rootToken(String rootToken) {
            if (rootToken == null || rootToken.isBlank() || rootToken.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("root token must be non-blank without spaces");
            }
            this.rootToken = rootToken;
            return this;
        }

        /** How long to wait for {@code sys/health}; default 60 s (the machine may be busy). */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive");
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /** A server ready to {@link OpenBaoDevServer#start()}. */
        public OpenBaoDevServer build() {
            return new OpenBaoDevServer(this);
        }
    }
}
