package org.policyalerts.retention;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The daily purge of data the service no longer needs.
 *
 * @param enabled          whether this instance runs the daily purge; with several instances, any number may
 *                         (one of them runs it each day)
 * @param runAt            time of day it runs, in {@code zone}; an instance that was down then runs it when it is
 *                         back, the same day
 * @param zone             time zone of {@code runAt}
 * @param unconfirmedAfter sign-ups never confirmed, and confirmation links never used, are deleted this long after
 *                         they were made (never before the link expires); used links stay as proof of consent
 */
@Validated
@ConfigurationProperties("alerts.retention")
record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("03:30") LocalTime runAt,
        @NotNull @DefaultValue("UTC") ZoneId zone,
        @NotNull @DurationMin(days = 1) @DefaultValue("30d") Duration unconfirmedAfter) {
}
