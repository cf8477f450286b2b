package org.policyalerts.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;

/**
 * A job run on its own thread at a fixed delay from the application's start until its shutdown. A failed run is
 * handed to the task's failure handler (which logs why) and the next one comes as usual. Each task has its own thread so a slow one (a
 * mailbox that does not answer) never holds up another.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final String threadName;
    private final boolean enabled;
    private final Duration every;
    private final Run run;
    private final Consumer<Exception> failed;
    private ScheduledExecutorService executor;

    /** One run of the job. */
    @FunctionalInterface
    public interface Run {
        void once() throws Exception;
    }

    /** A disabled task never starts its thread; {@code failed} says why a run failed, and the task carries on. */
    protected PeriodicTask(String threadName, boolean enabled, Duration every, Run run, Consumer<Exception> failed) {
        this.threadName = threadName;
        this.enabled = enabled;
        this.every = every;
        this.run = run;
        this.failed = failed;
    }

    private void tick() {
        try {
            run.once();
        } catch (Exception e) {
            failed.accept(e);
        }
    }

    @Override
    public synchronized void start() {
        if (enabled) {
            long millis = every.toMillis();
            executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, threadName));
            executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Interrupts a run in progress: each task's run must be safe to stop mid-way. */
    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
