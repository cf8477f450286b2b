package org.policyalerts.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import org.policyalerts.subscription.Frequency;

/**
 * The slot a frequency's run belongs to: the latest scheduled moment at or before now. A slot without a run
 * is due, so a service that was down at 08:00 sends the daily digest when it comes back, once. Only for half
 * a period, though: back at 07:30 the next day, it waits for 08:00 rather than send two digests in an hour
 * (nothing is lost: the next run carries whatever was not sent).
 */
final class DigestSchedule {

    private final DigestProperties properties;

    DigestSchedule(DigestProperties properties) {
        this.properties = properties;
    }

    Optional<Instant> dueSlot(Frequency frequency, Instant now) {
        Instant slot = slot(frequency, now);
        Duration period = switch (frequency) {
            case IMMEDIATE -> properties.tick();
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
        };
        return now.isBefore(slot.plus(period.dividedBy(2))) ? Optional.of(slot) : Optional.empty();
    }

    Instant slot(Frequency frequency, Instant now) {
        return switch (frequency) {
            case IMMEDIATE -> Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % properties.tick().toMillis());
            case DAILY -> latestDaily(now);
            case WEEKLY -> latestWeekly(now);
        };
    }

    private Instant latestDaily(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        ZonedDateTime today = local.with(properties.dailyAt());
        return (today.isAfter(local) ? today.minusDays(1) : today).toInstant();
    }

    private Instant latestWeekly(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        ZonedDateTime thisWeek = local.with(TemporalAdjusters.previousOrSame(properties.weeklyOn()))
                .with(properties.weeklyAt());
        return (thisWeek.isAfter(local) ? thisWeek.minusWeeks(1) : thisWeek).toInstant();
    }
}
