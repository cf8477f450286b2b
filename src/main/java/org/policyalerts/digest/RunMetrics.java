package org.policyalerts.digest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.policyalerts.delivery.DeliveryMetrics;
import org.springframework.stereotype.Component;

/**
 * Send runs' meters, scraped at /actuator/prometheus: {@code alerts_run_planning_seconds} (how long planning a run
 * took on this instance, by kind: immediate, daily, weekly, urgent), and the run's digests added to
 * {@code alerts_delivery_queued_total} once its planning is over.
 */
@Component
class RunMetrics {

    private final MeterRegistry meters;
    private final DeliveryMetrics delivery;

    RunMetrics(MeterRegistry meters, DeliveryMetrics delivery) {
        this.meters = meters;
        this.delivery = delivery;
    }

    void planned(String kind, Duration took, int digests) {
        Timer.builder("alerts.run.planning")
                .description("Time to plan a send run: match its readers and queue their digests")
                .tag("kind", kind)
                .register(meters)
                .record(took);
        delivery.queued(digests);
    }
}
