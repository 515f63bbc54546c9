package dev.vaultoidc.core.verify;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Queues tasks until the test runs them, to show what happens while a fetch is still pending. */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        tasks.add(command);
    }

    synchronized int pending() {
        return tasks.size();
    }

    void runAll() {
        Runnable r;
        while ((r = poll()) != null) {
            r.run();
        }
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
