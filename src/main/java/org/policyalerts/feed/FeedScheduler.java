package org.policyalerts.feed;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Polls the feeds that are due, every {@code alerts.feeds.poll-interval} (checked at a tenth of it). */
@Component
class FeedScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);

    private final FeedProperties properties;
    private final Feeds feeds;
    private ScheduledExecutorService executor;

    FeedScheduler(FeedProperties properties, Feeds feeds) {
        this.properties = properties;
        this.feeds = feeds;
    }

    private void tick() {
        try {
            feeds.pollDue();
        } catch (RuntimeException e) {
            // a poll records its own failures; this is the database being away
            log.warn("Could not poll the feeds: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        long every = Math.max(1000, properties.pollInterval().toMillis() / 10);
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "feeds"));
        executor.scheduleWithFixedDelay(this::tick, properties.pollInterval().toMillis(), every, TimeUnit.MILLISECONDS);
    }

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
