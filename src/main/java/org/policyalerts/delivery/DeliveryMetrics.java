package org.policyalerts.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The outbox's meters, scraped at /actuator/prometheus. The counters are this instance's own (Prometheus sums them
 * over instances; the send rate is {@code rate(alerts_delivery_sent_total[1m])}). The two gauges describe the queue
 * all instances share, so they come from the database, read at most once per {@code alerts.metrics.outbox-refresh}
 * however many scrapers ask: a scrape storm never becomes a query storm.
 */
@Component
public class DeliveryMetrics {

    private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final OutboxStats stats;
    private final Clock clock;
    private final long refreshNanos;
    private final Counter queued;
    private Backlog backlog;
    private long readAt;

    DeliveryMetrics(MeterRegistry meters, OutboxStats stats, Clock clock, MetricsProperties properties) {
        this.stats = stats;
        this.clock = clock;
        this.refreshNanos = properties.outboxRefresh().toNanos();
        this.queued = Counter.builder("alerts.delivery.queued")
                .description("Mails this instance put in the outbox: digests planned and transactional mail")
                .register(meters);
        // Registered here so that they are described and scraped as 0 before the first mail; the Dispatcher
        // increments the same meters by name.
        Counter.builder("alerts.delivery.sent").description("Mails the SMTP server accepted from this instance")
                .register(meters);
        Counter.builder("alerts.delivery.failed")
                .description("Mails given up for good: refused (5xx) or out of attempts").register(meters);
        Counter.builder("alerts.delivery.retried")
                .description("Attempts that failed with a temporary error (4xx); the mail is retried later")
                .register(meters);
        Gauge.builder("alerts.outbox.depth", this, m -> m.backlog().queued())
                .description("Mails waiting in the outbox (all instances), due now or retrying later")
                .register(meters);
        Gauge.builder("alerts.outbox.oldest.due.age", this, m -> m.backlog().oldestDueAgeSeconds())
                .description("How long the longest-waiting due mail has waited (all instances); 0 when none is due")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Counts mails just put in the outbox. */
    public void queued(int mails) {
        queued.increment(mails);
    }

    record Backlog(double queued, double oldestDueAgeSeconds) {
        static final Backlog UNKNOWN = new Backlog(Double.NaN, Double.NaN);
    }

    /** Scrapes that arrive together wait for one query; an unreachable database shows as NaN, not as an error. */
    private synchronized Backlog backlog() {
        long now = System.nanoTime();
        if (backlog == null || now - readAt >= refreshNanos) {
            readAt = now;
            backlog = read();
        }
        return backlog;
    }

    private Backlog read() {
        try {
            Instant now = clock.instant();
            OutboxStats.Backlog b = stats.backlog(now);
            double age = b.oldestDueAt() == null ? 0
                    : Math.max(0, Duration.between(b.oldestDueAt(), now).toMillis() / 1000.0);
            return new Backlog(b.queued(), age);
        } catch (RuntimeException e) {
            log.warn("Could not read the outbox's depth for the metrics: {}", e.getMessage());
            return Backlog.UNKNOWN;
        }
    }
}
