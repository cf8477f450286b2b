package org.policyalerts.digest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When digests go out and what they may contain.
 *
 * @param scheduleEnabled whether this instance starts scheduled runs (API-triggered runs work either way)
 * @param tick            how often the scheduler looks for due runs; immediate readers wait at most this long
 * @param zone            time zone of {@code dailyAt} and {@code weeklyAt}, and of dates shown in mails
 * @param maxBriefAge     briefs published longer ago than this are archive, never alerted (e.g. a back-catalogue import)
 * @param pageSize        readers planned per transaction; the run's checkpoint advances page by page
 */
@Validated
@ConfigurationProperties("alerts.digest")
record DigestProperties(
        @DefaultValue("true") boolean scheduleEnabled,
        @NotNull @DefaultValue("1m") Duration tick,
        @NotNull @DefaultValue("UTC") ZoneId zone,
        @NotNull @DefaultValue("08:00") LocalTime dailyAt,
        @NotNull @DefaultValue("MONDAY") DayOfWeek weeklyOn,
        @NotNull @DefaultValue("08:00") LocalTime weeklyAt,
        @NotNull @DefaultValue("14d") Duration maxBriefAge,
        @Min(1) @Max(100_000) @DefaultValue("5000") int pageSize) {
}
