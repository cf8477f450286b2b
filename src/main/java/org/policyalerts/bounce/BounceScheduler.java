package org.policyalerts.bounce;

import java.time.Clock;
import org.policyalerts.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the bounce mailbox every {@code alerts.bounces.poll-interval}; off while {@code alerts.bounces.host} is unset.
 * A message is deleted only after its record committed, so stopping mid-poll loses nothing.
 */
@Component
class BounceScheduler extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(BounceScheduler.class);

    BounceScheduler(BounceProperties properties, BounceProcessor processor, BounceRepository repository, Clock clock) {
        super("bounces", properties.enabled(), properties.pollInterval(),
                pollAndReport(new BouncePoller(properties, processor, repository, clock)),
                // the message text names the server at most, never the password
                e -> log.warn("Could not read the bounce mailbox; trying again in {}: {}",
                        properties.pollInterval(), e.toString()));
    }

    private static Run pollAndReport(BouncePoller poller) {
        return () -> {
            BouncePoller.Outcome outcome = poller.poll();
            if (outcome.recorded() + outcome.keptAside() > 0) {
                log.info("Bounce mailbox: {} reports recorded, {} ignored, {} kept aside",
                        outcome.recorded(), outcome.ignored(), outcome.keptAside());
            }
        };
    }
}
