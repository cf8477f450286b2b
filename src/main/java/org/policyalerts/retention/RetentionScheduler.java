package org.policyalerts.retention;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Asks the job every minute whether the day's purge is due; between runs that costs no query. Off when
 * {@code alerts.retention.enabled} is false.
 */
@Component
class RetentionScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);
    private static final long CHECK_EVERY_SECONDS = 60;

    private final RetentionJob job;
    private final RetentionProperties properties;
    private ScheduledExecutorService executor;

    RetentionScheduler(RetentionJob job, RetentionProperties properties) {
        this.job = job;
        this.properties = properties;
    }

    private void tick() {
        try {
            job.runIfDue();
        } catch (RuntimeException e) {
            log.error("Retention run failed; tomorrow's run deletes what this one left", e);
        }
    }

    @Override
    public synchronized void start() {
        if (properties.enabled()) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "retention"));
            executor.scheduleWithFixedDelay(this::tick, CHECK_EVERY_SECONDS, CHECK_EVERY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            // a purge in progress is one statement per table; stopping mid-way loses nothing
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
