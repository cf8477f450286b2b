package org.policyalerts.staff;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in throttling, counted in PostgreSQL so that every instance sees the same failures.
 *
 * @param maxFailures           failed sign-ins for one account within {@code lockout} before it is locked
 * @param maxFailuresPerAddress failed sign-ins from one client address (any accounts) before that address is locked
 * @param lockout               the sliding window: a lock lifts once the failures are this old
 */
@Validated
@ConfigurationProperties("alerts.login")
record LoginProperties(
        @Min(1) @Max(1000) @DefaultValue("5") int maxFailures,
        @Min(1) @Max(10000) @DefaultValue("20") int maxFailuresPerAddress,
        @NotNull @DefaultValue("15m") Duration lockout) {
}
