package dev.vaultoidc.agent;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An application in its own JVM with {@code -javaagent:vault-oidc-agent.jar=<options>}. Its class path holds the
 * test classes (the sample apps) and the application's libraries only, never the agent's unshaded classes, so it
 * sees what a real application sees. The JVM is {@code vault.oidc.test.java-home} if set (e.g. JDK 25).
 */
final class ChildJvm implements AutoCloseable {
    static final Path AGENT_JAR =
            Path.of(System.getProperty("vault.oidc.test.agent-jar", "target/vault-oidc-agent.jar"));

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (output) {
                                output.add(line);
                            }
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static volatile Path javaHomeOverride;

    /** Runs the child JVMs of the tests that follow on the JDK at {@code home} ({@code null}: the default again). */
    static void useJavaHome(Path home) {
        javaHomeOverride = home;
    }

    /** The java launcher of the JVM under test. */
    static String java() {
        Path override = javaHomeOverride;
        if (override != null) {
            return override.resolve("bin").resolve("java").toString();
        }
        String home = System.getProperty("vault.oidc.test.java-home");
        if (home == null || home.isBlank()) {
            home = System.getenv("VAULT_OIDC_TEST_JAVA_HOME");
        }
        if (home == null || home.isBlank()) {
            home = System.getProperty("java.home");
        }
        return Path.of(home, "bin", "java").toString();
    }

    /**
     * Starts {@code mainClass} with the agent (options may be null for none), with class path entries of this JVM
     * whose file name matches {@code libraries}.
     */
    static ChildJvm start(
            String agentOptions, Predicate<String> libraries, List<String> jvmArgs, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.add("-Xshare:auto");
        if (agentOptions != null) {
            cmd.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        cmd.addAll(jvmArgs);
        if (!jvmArgs.contains("-cp")) {
            cmd.add("-cp");
            cmd.add(classPath(libraries));
        }
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The child must not pick up the environment's agent settings by accident.
        pb.environment().keySet().removeIf(k -> k.startsWith("VAULT_OIDC_") || k.equals("JAVA_TOOL_OPTIONS"));
        return new ChildJvm(pb.start());
    }

    static String classPath(Predicate<String> libraries) {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.endsWith("test-classes") || libraries.test(name)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    /**
     * The test classes, the jars of {@code target/libs/<set>} (a container or client version the test class path
     * cannot hold) and any {@code extra} entries.
     */
    static String classPathOf(String set, String... extra) throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                out.add(entry);
            }
        }
        Path dir = Path.of(System.getProperty("vault.oidc.test.libs", "target/libs"), set);
        try (var jars = java.nio.file.Files.list(dir)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> out.add(j.toString()));
        }
        out.addAll(List.of(extra));
        return String.join(File.pathSeparator, out);
    }

    /** Waits for a line starting with {@code prefix} and returns the rest of it; fails with the output so far. */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no line '" + prefix + "' from the child JVM; output:\n" + output());
    }

    /** Waits for a line containing {@code text}; fails with the output so far. */
    void awaitContaining(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) {
                return;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no line containing '" + text + "' from the child JVM; output:\n" + output());
    }

    /** Waits for the JVM to end; its exit status. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM still running; output:\n" + output());
        }
        Thread.sleep(100); // let the reader drain
        return process.exitValue();
    }

    /** The child's process id (to attach to it). */
    long pid() {
        return process.pid();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
