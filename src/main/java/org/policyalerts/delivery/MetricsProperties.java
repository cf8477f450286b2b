package org.policyalerts.delivery;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What /actuator/prometheus costs the database.
 *
 * @param outboxRefresh the outbox gauges (depth, age of the oldest due mail) are read from the database at most
 *                      once per this interval, however many scrapers ask
 */
@Validated
@ConfigurationProperties("alerts.metrics")
record MetricsProperties(@NotNull @DefaultValue("10s") Duration outboxRefresh) {
}
