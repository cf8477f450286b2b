package org.policyalerts.taxonomy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Brings this instance's copy of the taxonomy up to date with changes made elsewhere: one small query per interval. */
@Component
class TaxonomyRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaxonomyRefresher.class);

    private final Taxonomy taxonomy;
    private final TaxonomyProperties properties;
    private ScheduledExecutorService executor;

    TaxonomyRefresher(Taxonomy taxonomy, TaxonomyProperties properties) {
        this.taxonomy = taxonomy;
        this.properties = properties;
    }

    private void tick() {
        try {
            taxonomy.refreshIfChanged();
        } catch (RuntimeException e) {
            log.warn("Could not check the taxonomy for changes; keeping the copy in memory and trying again", e);
        }
    }

    @Override
    public synchronized void start() {
        long every = properties.refreshInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "taxonomy-refresh"));
        executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
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
