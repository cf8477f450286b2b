package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Immediate readers hear at the next tick, daily ones at 08:00, weekly ones on Monday at 08:00 (UTC here),
 * and nobody twice for the same brief. Time is moved by hand; each step is one scheduler tick.
 */
class FrequencyWindowsTest extends IntegrationTest {

    private static final Instant FRIDAY_7AM = Instant.parse("2026-01-16T07:00:00Z");

    @Autowired
    SendRuns runs;

    @Autowired
    Briefs briefs;

    @Test
    void eachFrequencyGetsItsDigestInItsWindow() {
        clock.set(FRIDAY_7AM);
        Fixtures fixtures = new Fixtures(jdbc);
        Instant since = FRIDAY_7AM.minus(Duration.ofHours(1));
        fixtures.reader("now@example.org", "immediate", since, "*/*");
        fixtures.reader("daily@example.org", "daily", since, "*/*");
        fixtures.reader("weekly@example.org", "weekly", since, "*/*");
        publish("b1");

        tickAt("2026-01-16T07:00:30Z");
        assertThat(received()).isEqualTo(Map.of("now@example.org", 1));

        tickAt("2026-01-16T07:59:59Z");
        assertThat(received()).isEqualTo(Map.of("now@example.org", 1));

        tickAt("2026-01-16T08:00:00Z");
        assertThat(received()).isEqualTo(Map.of("now@example.org", 1, "daily@example.org", 1));

        tickAt("2026-01-16T08:01:00Z");
        tickAt("2026-01-19T07:59:00Z");
        assertThat(received()).isEqualTo(Map.of("now@example.org", 1, "daily@example.org", 1));

        // Monday 08:00: the weekly digest; the daily run finds nothing new for its reader
        tickAt("2026-01-19T08:00:00Z");
        assertThat(received()).isEqualTo(Map.of("now@example.org", 1, "daily@example.org", 1, "weekly@example.org", 1));
        assertThat(jdbc.sql("select frequency from send_run order by id").query(String.class).list())
                .containsExactly("immediate", "daily", "daily", "weekly");
    }

    @Test
    void immediateRunsStartOnlyWhenABriefBecameSendable() {
        clock.set(FRIDAY_7AM);
        tickAt("2026-01-16T07:00:00Z");
        tickAt("2026-01-16T07:01:00Z");
        assertThat(runCount("immediate")).isZero();

        publish("b1");
        tickAt("2026-01-16T07:02:00Z");
        tickAt("2026-01-16T07:03:00Z");
        assertThat(runCount("immediate")).isEqualTo(1);
    }

    private void tickAt(String instant) {
        clock.set(Instant.parse(instant));
        runs.startDue(clock.instant());
        runs.planPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from delivery where status in ('queued', 'claimed', 'sending')")
                .query(Integer.class).single() == 0);
    }

    private Map<String, Integer> received() {
        return jdbc.sql("""
                        select s.email, count(*) as n from delivery d join subscriber s on s.id = d.subscriber_id
                        where d.status = 'sent' group by s.email
                        """)
                .query((rs, n) -> Map.entry(rs.getString("email"), rs.getInt("n")))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private int runCount(String frequency) {
        return jdbc.sql("select count(*) from send_run where frequency = :f").param("f", frequency)
                .query(Integer.class).single();
    }

    private void publish(String id) {
        briefs.publish(new BriefInput(id, "https://example.org/" + id, null, "Title " + id, null, List.of(),
                clock.instant(), "en", List.of(), List.of("iran")));
    }
}
