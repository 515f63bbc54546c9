package dev.vaultoidc.agent;

import dev.vaultoidc.agent.config.InvalidSettingException;
import dev.vaultoidc.agent.logging.AgentLog;
import dev.vaultoidc.agent.runtime.AgentRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Builds the agent's runtime (verifier, Vault client and their libraries: about 700 classes, most of a CPU
 * second) off the application's startup path. Even on another thread that work slows an application starting at
 * the same time on a small machine, so the build waits until the JVM's class loading calms down (the application
 * has started, or waits for something), at most {@value #MAX_DELAY_MS} ms, and starts at once when a request
 * needs the runtime earlier; that request waits for it.
 */
final class RuntimeStarter {
    /** Fewer classes than this loaded in one poll interval means the application is no longer starting. */
    static final long QUIET_CLASSES = 30;

    static final long POLL_MS = 100;
    static final long MAX_DELAY_MS = 5_000;

    private static final String LOG = "VaultOidcAgent";

    private final CompletableFuture<AgentRuntime> runtime = new CompletableFuture<>();
    private final CountDownLatch needed = new CountDownLatch(1);

    /** The runtime, building it now if it is not built yet; waits for it. */
    AgentRuntime get() {
        needed.countDown();
        return runtime.join();
    }

    /**
     * Starts the background thread that builds the runtime.
     *
     * @param classesLoaded how many classes the JVM has loaded so far (as seen by the agent's transformer)
     */
    void start(AgentRuntime.Prepared prepared, LongSupplier classesLoaded) {
        Thread builder = new Thread(
                () -> {
                    awaitQuiet(classesLoaded);
                    build(prepared);
                },
                "vault-oidc-agent-start");
        builder.setDaemon(true);
        builder.start();
    }

    private void awaitQuiet(LongSupplier classesLoaded) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MS);
        long seen = classesLoaded.getAsLong();
        try {
            while (System.nanoTime() < deadline && !needed.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                long now = classesLoaded.getAsLong();
                if (now - seen < QUIET_CLASSES) {
                    return;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds the runtime and starts fetching. The settings were checked at premain; a value the library rejects
     * only while building still stops the JVM, and no request passes before (requests wait for the build).
     */
    private void build(AgentRuntime.Prepared prepared) {
        long started = System.nanoTime();
        try {
            AgentRuntime built = prepared.build();
            Runtime.getRuntime().addShutdownHook(new Thread(built::close, "vault-oidc-agent-shutdown"));
            built.warmUp();
            runtime.complete(built);
            AgentLog.log(
                    AgentLog.Level.DEBUG,
                    LOG,
                    "runtime built in " + (System.nanoTime() - started) / 1_000_000 + " ms",
                    null);
        } catch (InvalidSettingException e) {
            runtime.completeExceptionally(e);
            System.err.println("[vault-oidc-agent] Invalid configuration: " + e.getMessage());
            System.err.println("[vault-oidc-agent] Stopping the JVM (exit status " + VaultOidcAgent.CONFIG_EXIT_STATUS
                    + "): the application must not run without the protection it was configured for.");
            Runtime.getRuntime().halt(VaultOidcAgent.CONFIG_EXIT_STATUS);
        } catch (RuntimeException | Error e) {
            // Requests then fail (inbound: 500, never unchecked; outbound: no token) and say why.
            runtime.completeExceptionally(e);
            AgentLog.error(LOG, "vault-oidc agent could not start its runtime", e);
        }
    }
}
