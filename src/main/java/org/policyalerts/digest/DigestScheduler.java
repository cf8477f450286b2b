package org.policyalerts.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.policyalerts.brief.BriefPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One thread that, every tick, starts the runs that are due and plans any run not yet planned (including
 * one a crash interrupted). Staff requests wake it early. Planning on one thread keeps it ordered.
 */
@Component
class DigestScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

    private final SendRuns runs;
    private final DigestProperties properties;
    private final Clock clock;
    // made up front: the API may wake the scheduler before the lifecycle has started it
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "digest-scheduler"));
    private volatile boolean running;

    DigestScheduler(SendRuns runs, DigestProperties properties, Clock clock) {
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    void wake() {
        executor.execute(this::tick);
    }

    void tick() {
        try {
            Instant now = clock.instant();
            // urgent briefs are a staff decision, like a run asked for: they go whether or not this instance schedules
            runs.startUrgent(now);
            if (properties.scheduleEnabled()) {
                runs.startDue(now);
            }
            runs.planPending();
        } catch (RuntimeException e) {
            log.error("Scheduler tick failed; the next tick tries again", e);
        }
    }

    /** An urgent brief goes now, not at the next tick. */
    @TransactionalEventListener(fallbackExecution = true)
    void published(BriefPublished event) {
        if (event.urgent()) {
            wake();
        }
    }

    @Override
    public void start() {
        running = true;
        executor.scheduleWithFixedDelay(this::tick, 0, properties.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
