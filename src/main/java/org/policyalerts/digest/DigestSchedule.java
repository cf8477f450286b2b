package org.policyalerts.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import org.policyalerts.subscription.Frequency;

/**
 * The slot a frequency's run belongs to: the latest scheduled moment at or before now. A slot without a run
 * is due, so a service that was down at 08:00 sends the daily digest when it comes back, once. Only for half
 * a period, though: back at 07:30 the next day, it waits for 08:00 rather than send two digests in an hour
 * (nothing is lost: the next run carries whatever was not sent). Daily and weekly slots are local times in the
 * readers' zone, so 08:00 in Riyadh and 08:00 in Washington are two slots, hours apart.
 */
final class DigestSchedule {

    private final DigestProperties properties;

    DigestSchedule(DigestProperties properties) {
        this.properties = properties;
    }

    Optional<Instant> dueSlot(Frequency frequency, Instant now) {
        return dueSlot(frequency, now, properties.zone());
    }

    Optional<Instant> dueSlot(Frequency frequency, Instant now, ZoneId zone) {
        Instant slot = slot(frequency, now, zone);
        Duration period = switch (frequency) {
            case IMMEDIATE -> properties.tick();
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
        };
        return now.isBefore(slot.plus(period.dividedBy(2))) ? Optional.of(slot) : Optional.empty();
    }

    Instant slot(Frequency frequency, Instant now) {
        return slot(frequency, now, properties.zone());
    }

    Instant slot(Frequency frequency, Instant now, ZoneId zone) {
        return switch (frequency) {
            case IMMEDIATE -> Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % properties.tick().toMillis());
            case DAILY -> latestDaily(now, zone);
            case WEEKLY -> latestWeekly(now, zone);
        };
    }

    private Instant latestDaily(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.with(properties.dailyAt());
        return (today.isAfter(local) ? today.minusDays(1) : today).toInstant();
    }

    private Instant latestWeekly(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime thisWeek = local.with(TemporalAdjusters.previousOrSame(properties.weeklyOn()))
                .with(properties.weeklyAt());
        return (thisWeek.isAfter(local) ? thisWeek.minusWeeks(1) : thisWeek).toInstant();
    }
}
