package org.policyalerts.delivery;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What {@code /actuator/health} checks.
 *
 * @param mailCheckInterval at most one SMTP probe per interval; health calls in between get the last result
 */
@Validated
@ConfigurationProperties("alerts.health")
record SmtpHealthProperties(@NotNull @DefaultValue("30s") Duration mailCheckInterval) {
}
