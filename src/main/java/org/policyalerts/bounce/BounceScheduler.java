package org.policyalerts.bounce;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Reads the bounce mailbox every {@code alerts.bounces.poll-interval}; off while {@code alerts.bounces.host} is unset. */
@Component
class BounceScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BounceScheduler.class);

    private final BounceProperties properties;
    private final BouncePoller poller;
    private ScheduledExecutorService executor;

    BounceScheduler(BounceProperties properties, BounceProcessor processor, BounceRepository repository, Clock clock) {
        this.properties = properties;
        this.poller = new BouncePoller(properties, processor, repository, clock);
    }

    private void tick() {
        try {
            BouncePoller.Outcome outcome = poller.poll();
            if (outcome.recorded() + outcome.keptAside() > 0) {
                log.info("Bounce mailbox: {} reports recorded, {} ignored, {} kept aside",
                        outcome.recorded(), outcome.ignored(), outcome.keptAside());
            }
        } catch (MessagingException | RuntimeException e) {
            // the message text names the server at most, never the password
            log.warn("Could not read the bounce mailbox; trying again in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (properties.enabled()) {
            long every = properties.pollInterval().toMillis();
            executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bounces"));
            executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            // a message is deleted only after its record committed, so stopping mid-poll loses nothing
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
