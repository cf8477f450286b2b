package org.policyalerts.retention;

import java.time.Duration;
import org.policyalerts.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the job every minute whether the day's purge is due; between runs that costs no query. Off when
 * {@code alerts.retention.enabled} is false. A purge in progress is one statement per table; stopping mid-way
 * loses nothing.
 */
@Component
class RetentionScheduler extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);

    RetentionScheduler(RetentionJob job, RetentionProperties properties) {
        super("retention", properties.enabled(), Duration.ofSeconds(60), job::runIfDue,
                e -> log.error("Retention run failed; tomorrow's run deletes what this one left", e));
    }
}
