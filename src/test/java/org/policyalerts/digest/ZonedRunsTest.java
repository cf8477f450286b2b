package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/**
 * Daily digests at 08:00 in each reader's own time zone: Riyadh (UTC+3) at 05:00 UTC, Washington (UTC-5 in
 * January) at 13:00 UTC, each zone's slot one run however many instances tick.
 */
class ZonedRunsTest extends IntegrationTest {

    @Autowired
    SendRuns runs;

    @Autowired
    Briefs briefs;

    @BeforeEach
    void readersInTwoZones() {
        clock.set(Instant.parse("2026-01-14T00:00:00Z"));
        Fixtures fixtures = new Fixtures(jdbc);
        long riyadh = fixtures.reader("riyadh@example.org", "daily", clock.instant(), "*/iran");
        long washington = fixtures.reader("washington@example.org", "daily", clock.instant(), "*/iran");
        jdbc.sql("update subscriber set zone = 'Asia/Riyadh' where id = :id").param("id", riyadh).update();
        jdbc.sql("update subscriber set zone = 'America/New_York' where id = :id").param("id", washington).update();
        clock.set(Instant.parse("2026-01-15T03:00:00Z"));
        briefs.publish(new BriefInput("b1", "https://example.org/b1", "Brief Analysis", "On Iran", "Summary",
                List.of(), clock.instant(), "en", List.of(), List.of("iran")));
    }

    @Test
    void eachZoneGetsItsRunAtEightLocalTimeAndOnlyOnce() throws Exception {
        clock.set(Instant.parse("2026-01-15T04:59:00Z"));
        runs.startDue(clock.instant());
        assertThat(dailyRuns()).isEmpty();

        clock.set(Instant.parse("2026-01-15T05:00:00Z"));
        runs.startDue(clock.instant());
        runs.startDue(clock.instant()); // a second instance ticking at the same moment
        assertThat(dailyRuns()).containsExactly("Asia/Riyadh 2026-01-15T05:00:00Z");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into send_run (frequency, zone, trigger, slot, cutoff, created_at)
                        values ('daily', 'Asia/Riyadh', 'schedule', '2026-01-15T05:00:00Z', now(), now())
                        """).update()).isInstanceOf(DuplicateKeyException.class);
        runs.planPending();
        MimeMessage first = awaitMail(1).get(0);
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("riyadh@example.org");

        clock.set(Instant.parse("2026-01-15T13:00:00Z"));
        runs.startDue(clock.instant());
        runs.startDue(clock.instant());
        assertThat(dailyRuns()).containsExactly("Asia/Riyadh 2026-01-15T05:00:00Z", "America/New_York 2026-01-15T13:00:00Z");
        runs.planPending();
        awaitMailTo("washington@example.org", 2);
    }

    @Test
    void aReaderWithoutAZoneOfTheirOwnIsInThePublishersZone() {
        jdbc.sql("update subscriber set zone = null where email = 'washington@example.org'").update();
        clock.set(Instant.parse("2026-01-15T08:00:00Z"));
        runs.startDue(clock.instant());
        assertThat(dailyRuns()).containsExactly("Asia/Riyadh 2026-01-15T05:00:00Z", "UTC 2026-01-15T08:00:00Z");
    }

    @Test
    void anUrgentBriefIsOneRunForEveryZoneAndFrequencyThatStillRespectsPauses() throws Exception {
        jdbc.sql("update subscriber set frequency = 'weekly' where email = 'washington@example.org'").update();
        long paused = new Fixtures(jdbc).reader("paused@example.org", "daily", Instant.parse("2026-01-14T00:00:00Z"),
                "*/iran");
        jdbc.sql("""
                update subscriber set zone = 'Europe/Berlin', paused_from = '2026-01-15T00:00:00Z', paused_until = 'infinity'
                where id = :id""").param("id", paused).update();

        briefs.publish(new BriefInput("urgent", "https://example.org/urgent", "Brief Analysis", "Urgent on Iran", null,
                List.of(), clock.instant(), "en", List.of(), List.of("iran"), "published", true));
        runs.startUrgent(clock.instant());
        runs.planPending();

        assertThat(awaitMail(2)).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("riyadh@example.org", "washington@example.org");
        assertThat(jdbc.sql("select trigger || ' ' || coalesce(zone, 'every zone') from send_run").query(String.class).list())
                .containsExactly("urgent every zone");
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single())
                .as("nothing for the paused reader").isEqualTo(2);
    }

    private List<String> dailyRuns() {
        return jdbc.sql("select zone || ' ' || to_char(slot at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "from send_run where frequency = 'daily' order by id").query(String.class).list();
    }
}
