package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.policyalerts.subscription.Frequency;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Which briefs reach which readers (docs/matching.md). A brief with topics T and regions R matches a row
 * (t, r) when (t is ANY or t in T) and (r is ANY or r in R). Checked by planning a real run and reading
 * what it queued.
 */
class MatchingTest extends IntegrationTest {

    @Autowired
    Briefs briefs;

    @Autowired
    SendRuns runs;

    static Stream<Arguments> table() {
        return Stream.of(
                // rows the reader has           brief topics                           brief regions           match
                row("*/*",                        "",                                    "",                     true),
                row("*/*",                        "terrorism",                           "syria",                true),
                row("*/iran",                     "energy-economics,us-policy",          "iran",                 true),
                row("*/iran",                     "energy-economics",                    "iraq",                 false),
                row("*/iran",                     "energy-economics",                    "",                     false),
                row("energy-economics/*",         "energy-economics",                    "iraq",                 true),
                row("energy-economics/*",         "us-policy",                           "iran",                 false),
                row("energy-economics/iran",      "energy-economics,us-policy",          "iran,iraq",            true),
                row("energy-economics/iran",      "energy-economics",                    "iraq",                 false),
                row("energy-economics/iran",      "us-policy",                           "iran",                 false),
                // "any" mode: one row per tick
                row("energy-economics/*,*/iran",  "us-policy",                           "iran",                 true),
                row("energy-economics/*,*/iran",  "energy-economics",                    "egypt",                true),
                row("energy-economics/*,*/iran",  "us-policy",                           "egypt",                false),
                // "all" mode: the cross product
                row("energy-economics/iran,energy-economics/iraq,us-policy/iran,us-policy/iraq",
                                                  "us-policy",                           "iraq",                 true),
                row("energy-economics/iran,energy-economics/iraq,us-policy/iran,us-policy/iraq",
                                                  "terrorism",                           "iraq",                 false),
                row("energy-economics/iran,energy-economics/iraq,us-policy/iran,us-policy/iraq",
                                                  "us-policy",                           "syria",                false));
    }

    @ParameterizedTest(name = "reader {0}, brief [{1}] [{2}] -> {3}")
    @MethodSource("table")
    void briefMatchesSubscriptionRows(String rows, String topics, String regions, boolean expected) {
        long reader = fixtures().reader("r@example.org", "immediate", hourAgo(), rows.split(","));
        long brief = publish("b1", list(topics), list(regions), clock.instant());

        plan(Frequency.IMMEDIATE);

        assertThat(queuedBriefs(reader)).isEqualTo(expected ? List.of(brief) : List.of());
    }

    @Test
    void severalMatchingRowsStillMeanOneCopyOfTheBrief() {
        long reader = fixtures().reader("r@example.org", "immediate", hourAgo(), "*/iran", "energy-economics/*", "*/*");
        long brief = publish("b1", List.of("energy-economics"), List.of("iran"), clock.instant());

        plan(Frequency.IMMEDIATE);

        assertThat(queuedBriefs(reader)).containsExactly(brief);
        assertThat(deliveries(reader)).isEqualTo(1);
    }

    @Test
    void aBriefReachesAReaderOnceAcrossRuns() {
        long reader = fixtures().reader("r@example.org", "immediate", hourAgo(), "*/iran");
        long first = publish("b1", List.of(), List.of("iran"), clock.instant());
        plan(Frequency.IMMEDIATE);
        long second = publish("b2", List.of(), List.of("iran"), clock.instant());
        publish("b1", List.of("us-policy"), List.of("iran"), clock.instant()); // an edit of b1

        plan(Frequency.IMMEDIATE);

        assertThat(queuedBriefs(reader)).containsExactlyInAnyOrder(first, second);
        assertThat(deliveries(reader)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from delivery_brief where brief_id = :b").param("b", first)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void onlyActiveReadersOfTheRunsFrequencyAreMatched() {
        long immediate = fixtures().reader("now@example.org", "immediate", hourAgo(), "*/*");
        long daily = fixtures().reader("daily@example.org", "daily", hourAgo(), "*/*");
        long left = fixtures().reader("left@example.org", "immediate", hourAgo(), "*/*");
        jdbc.sql("update subscriber set status = 'unsubscribed' where id = :id").param("id", left).update();
        long brief = publish("b1", List.of(), List.of("iran"), clock.instant());

        plan(Frequency.IMMEDIATE);

        assertThat(queuedBriefs(immediate)).containsExactly(brief);
        assertThat(queuedBriefs(daily)).isEmpty();
        assertThat(queuedBriefs(left)).isEmpty();
    }

    @Test
    void aSubscriptionOnlyMatchesBriefsThatArriveAfterIt() {
        long before = publish("before", List.of(), List.of("iran"), clock.instant().minus(Duration.ofHours(2)));
        long reader = fixtures().reader("r@example.org", "immediate", clock.instant(), "*/iran");
        clock.advance(Duration.ofSeconds(1));
        long after = publish("after", List.of(), List.of("iran"), clock.instant());

        plan(Frequency.IMMEDIATE);

        assertThat(queuedBriefs(reader)).containsExactly(after).doesNotContain(before);
    }

    @Test
    void archiveImportsAndFuturePublicationsAreNotAlerted() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        clock.set(now);
        long reader = fixtures().reader("r@example.org", "immediate", now.minus(Duration.ofDays(100)), "*/*");
        publish("archive", List.of(), List.of("iran"), now.minus(Duration.ofDays(15)));
        long scheduled = publish("scheduled", List.of(), List.of("iran"), now.plus(Duration.ofHours(1)));
        long recent = publish("recent", List.of(), List.of("iran"), now.minus(Duration.ofDays(13)));

        plan(Frequency.IMMEDIATE);
        assertThat(queuedBriefs(reader)).containsExactly(recent);

        clock.advance(Duration.ofHours(2));
        plan(Frequency.IMMEDIATE);
        assertThat(queuedBriefs(reader)).containsExactlyInAnyOrder(recent, scheduled);
    }

    @Test
    void planningPagesThroughReadersAndCoversThemAll() {
        for (int i = 0; i < 25; i++) {
            fixtures().reader("r" + i + "@example.org", "daily", hourAgo(), "*/iran");
        }
        publish("b1", List.of(), List.of("iran"), clock.instant());

        plan(Frequency.DAILY);

        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isEqualTo(25);
        assertThat(jdbc.sql("select planned_through from send_run").query(Long.class).single()).isEqualTo(25L);
    }

    private void plan(Frequency frequency) {
        runs.request(frequency, RunTrigger.API, null);
        runs.planPending();
    }

    private long publish(String id, List<String> topics, List<String> regions, Instant publishedAt) {
        return briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", "Title " + id, null,
                List.of(), publishedAt, "en", topics, regions)).brief().id();
    }

    private List<Long> queuedBriefs(long reader) {
        return jdbc.sql("select brief_id from delivery_brief where subscriber_id = :id order by brief_id")
                .param("id", reader).query(Long.class).list();
    }

    private int deliveries(long reader) {
        return jdbc.sql("select count(*) from delivery where subscriber_id = :id").param("id", reader)
                .query(Integer.class).single();
    }

    private Fixtures fixtures() {
        return new Fixtures(jdbc);
    }

    private Instant hourAgo() {
        return clock.instant().minus(Duration.ofHours(1));
    }

    private static List<String> list(String csv) {
        return csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static Arguments row(String rows, String topics, String regions, boolean match) {
        return Arguments.of(rows, topics, regions, match);
    }
}
