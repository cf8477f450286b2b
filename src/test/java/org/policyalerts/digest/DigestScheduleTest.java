package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.policyalerts.subscription.Frequency;

/** The slot a run belongs to: daily at 08:00 and weekly on Monday 08:00, London time. */
class DigestScheduleTest {

    private final DigestSchedule schedule = new DigestSchedule(new DigestProperties(true, Duration.ofMinutes(1),
            ZoneId.of("Europe/London"), LocalTime.of(8, 0), DayOfWeek.MONDAY, LocalTime.of(8, 0), Duration.ofDays(14), 100));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // winter: London is UTC+0
            "DAILY,     2026-01-14T07:59:59Z, 2026-01-13T08:00:00Z",
            "DAILY,     2026-01-14T08:00:00Z, 2026-01-14T08:00:00Z",
            "DAILY,     2026-01-14T23:00:00Z, 2026-01-14T08:00:00Z",
            // summer: London is UTC+1, so 08:00 local is 07:00Z
            "DAILY,     2026-07-14T06:59:00Z, 2026-07-13T07:00:00Z",
            "DAILY,     2026-07-14T07:00:00Z, 2026-07-14T07:00:00Z",
            // the morning after the clocks go forward (29 March 2026)
            "DAILY,     2026-03-30T07:30:00Z, 2026-03-30T07:00:00Z",
            // 12 January 2026 is a Monday
            "WEEKLY,    2026-01-12T07:59:00Z, 2026-01-05T08:00:00Z",
            "WEEKLY,    2026-01-12T08:00:00Z, 2026-01-12T08:00:00Z",
            "WEEKLY,    2026-01-18T22:00:00Z, 2026-01-12T08:00:00Z",
            // immediate runs are one per tick
            "IMMEDIATE, 2026-01-14T10:15:42Z, 2026-01-14T10:15:00Z",
    })
    void latestSlotAtOrBeforeNow(Frequency frequency, Instant now, Instant slot) {
        assertThat(schedule.slot(frequency, now)).isEqualTo(slot);
    }

    @ParameterizedTest(name = "{0} {1} -> due: {2}")
    @CsvSource({
            "DAILY,     2026-01-14T08:00:00Z, true",
            "DAILY,     2026-01-14T19:59:59Z, true",
            // half a day after the slot it is better to wait for the next one
            "DAILY,     2026-01-14T20:00:00Z, false",
            "DAILY,     2026-01-15T07:59:00Z, false",
            "WEEKLY,    2026-01-15T19:59:00Z, true",
            "WEEKLY,    2026-01-15T20:00:00Z, false",
            "IMMEDIATE, 2026-01-14T10:15:29Z, true",
    })
    void aMissedSlotIsCaughtUpForHalfAPeriod(Frequency frequency, Instant now, boolean due) {
        assertThat(schedule.dueSlot(frequency, now)).isEqualTo(due ? Optional.of(schedule.slot(frequency, now))
                : Optional.empty());
    }
}
