package dev.vaultoidc.core.issue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on the test's clock: tasks run only when the test calls {@link #runDue()} after moving the clock
 * past their due time. Only {@code schedule(Runnable, ...)} is supported, which is all the supplier uses.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final Clock clock;
    private final List<Task> tasks = new ArrayList<>();

    ManualScheduler(Clock clock) {
        this.clock = clock;
    }

    final class Task implements ScheduledFuture<Object> {
        final Instant due;
        final Runnable command;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Instant due, Runnable command) {
            this.due = due;
            this.command = command;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            return !done;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    /** Runs every non-cancelled task whose due time has come, including ones scheduled while running. */
    int runDue() {
        int ran = 0;
        while (true) {
            Task next = null;
            synchronized (this) {
                for (Task t : tasks) {
                    if (!t.isDone() && !t.due.isAfter(clock.instant())) {
                        next = t;
                        break;
                    }
                }
                if (next == null) {
                    return ran;
                }
                next.done = true;
                tasks.remove(next);
            }
            next.command.run();
            ran++;
        }
    }

    /** Due times of pending (not cancelled) tasks. */
    synchronized List<Instant> pendingDueTimes() {
        return tasks.stream().filter(t -> !t.isDone()).map(t -> t.due).toList();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(clock.instant().plusNanos(unit.toNanos(delay)), command);
        tasks.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
