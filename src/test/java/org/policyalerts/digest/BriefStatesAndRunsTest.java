package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.BriefState;
import org.policyalerts.brief.Briefs;
import org.policyalerts.delivery.Claim;
import org.policyalerts.delivery.Mail;
import org.policyalerts.jdbc.Sql;
import org.policyalerts.subscription.Frequency;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Brief states, urgent briefs and cancelled runs against the planner, the composer and the outbox: drafts and
 * retracted briefs never go out, an urgent brief reaches every frequency once, and a cancelled run's briefs go in
 * the readers' next run.
 */
class BriefStatesAndRunsTest extends IntegrationTest {

    @Autowired
    Briefs briefs;

    @Autowired
    SendRuns runs;

    @Autowired
    DigestComposer composer;

    @Test
    void draftsAndRetractedBriefsNeverMatchAndAPublishedDraftDoes() {
        long reader = fixtures().reader("d@example.org", "daily", hourAgo(), "*/iran");
        long draft = publish("draft", "draft", false, clock.instant());
        long retracted = publish("gone", "published", false, clock.instant());
        briefs.retract(retracted);

        plan(Frequency.DAILY);
        assertThat(ledger(reader)).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        long signedUpMeanwhile = fixtures().reader("m@example.org", "daily", clock.instant(), "*/iran");
        clock.advance(Duration.ofMinutes(5));
        publish("draft", "published", false, clock.instant());
        plan(Frequency.DAILY);
        assertThat(ledger(reader)).containsExactly(draft);
        assertThat(ledger(signedUpMeanwhile)).as("a draft arrives when it is published").containsExactly(draft);
        assertThat(briefs.find(retracted).orElseThrow().state()).isEqualTo(BriefState.RETRACTED);
    }

    @Test
    void retractionIsFinalWhoeverSendsTheBriefAgain() {
        long id = publish("b1", "published", false, clock.instant());
        briefs.retract(id);
        publish("b1", "published", false, clock.instant());
        assertThat(briefs.find(id).orElseThrow().state()).isEqualTo(BriefState.RETRACTED);
    }

    @Test
    void aScheduledBriefIsShownScheduledAndWaitsForItsTime() {
        long reader = fixtures().reader("s@example.org", "daily", hourAgo(), "*/iran");
        long later = publish("later", "published", false, clock.instant().plus(Duration.ofHours(2)));
        assertThat(briefs.find(later).orElseThrow().state()).isEqualTo(BriefState.SCHEDULED);
        assertThat(briefs.recent(10, BriefState.SCHEDULED)).extracting(b -> b.id()).containsExactly(later);

        plan(Frequency.DAILY);
        assertThat(ledger(reader)).isEmpty();

        clock.advance(Duration.ofHours(3));
        assertThat(briefs.find(later).orElseThrow().state()).isEqualTo(BriefState.PUBLISHED);
        plan(Frequency.DAILY);
        assertThat(ledger(reader)).containsExactly(later);
    }

    @Test
    void anUrgentBriefGoesAtOnceToEveryFrequencyAndNotAgainInTheDigest() throws Exception {
        long daily = fixtures().reader("daily@example.org", "daily", hourAgo(), "*/iran");
        long weekly = fixtures().reader("weekly@example.org", "weekly", hourAgo(), "*/iran");
        fixtures().reader("other@example.org", "daily", hourAgo(), "*/syria");

        // publishing wakes the scheduler: no tick, no staff request
        long urgent = publish("urgent", "published", true, clock.instant());
        List<MimeMessage> mails = awaitMail(2);
        assertThat(mails).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("daily@example.org", "weekly@example.org");
        assertThat(MailParts.text(mails.get(0))).contains("Title urgent");
        Map<String, Object> run = jdbc.sql("select trigger, frequency, brief_id from send_run").query().singleRow();
        assertThat(run).containsEntry("trigger", "urgent").containsEntry("frequency", null).containsEntry("brief_id", urgent);

        long regular = publish("regular", "published", false, clock.instant());
        plan(Frequency.DAILY);
        plan(Frequency.WEEKLY);
        assertThat(ledger(daily)).containsExactlyInAnyOrder(urgent, regular);
        assertThat(ledger(weekly)).containsExactlyInAnyOrder(urgent, regular);
        List<String> texts = awaitMail(4).stream().map(MailParts::text).toList();
        assertThat(texts).filteredOn(t -> t.contains("Title regular")).hasSize(2)
                .allSatisfy(t -> assertThat(t).as("the digest leaves out what went urgently").doesNotContain("Title urgent"));

        runs.startUrgent(clock.instant());
        assertThat(jdbc.sql("select count(*) from send_run where trigger = 'urgent'").query(Integer.class).single())
                .as("one urgent run per brief").isEqualTo(1);
    }

    @Test
    void anUrgentBriefScheduledForLaterGetsItsRunWhenItsTimeComes() {
        publish("urgent-later", "published", true, clock.instant().plus(Duration.ofHours(1)));
        runs.startUrgent(clock.instant());
        assertThat(urgentRuns()).isZero();

        clock.advance(Duration.ofHours(2));
        runs.startUrgent(clock.instant());
        assertThat(urgentRuns()).isEqualTo(1);
    }

    @Test
    void aBriefRetractedAfterItsDigestWasQueuedIsLeftOutOfIt() {
        long reader = fixtures().reader("q@example.org", "daily", hourAgo(), "*/iran");
        long kept = publish("kept", "published", false, clock.instant());
        long retracted = publish("retracted", "published", false, clock.instant());
        long delivery = queuedDigest(plannedRun(), reader, kept, retracted);

        briefs.retract(retracted);
        Map<Long, Mail> mails = composer.compose(List.of(claim(delivery, reader)));
        assertThat(mails.get(delivery).text()).contains("Title kept").doesNotContain("Title retracted");

        briefs.retract(kept);
        assertThat(composer.compose(List.of(claim(delivery, reader)))).as("nothing left to send").isEmpty();
    }

    @Test
    void cancellingARunCancelsItsQueuedDigestsAndTheirBriefsGoInTheNextRun() {
        long reader = fixtures().reader("c@example.org", "daily", hourAgo(), "*/iran");
        long brief = publish("b1", "published", false, clock.instant());
        long run = plannedRun();
        long delivery = queuedDigest(run, reader, brief);

        assertThat(runs.cancel(run)).isTrue();
        assertThat(runs.cancel(run)).as("once").isFalse();
        assertThat(jdbc.sql("select status from delivery where id = :id").param("id", delivery).query(String.class)
                .single()).isEqualTo("cancelled");
        assertThat(ledger(reader)).as("the cancelled digest no longer holds its brief").isEmpty();
        assertThat(runs.find(run).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);

        plan(Frequency.DAILY);
        MimeMessage digest = awaitMail(1).get(0);
        assertThat(MailParts.text(digest)).contains("Title b1");
    }

    @Test
    void aCancelledRunPlansNoFurther() {
        fixtures().reader("p@example.org", "daily", hourAgo(), "*/iran");
        publish("b1", "published", false, clock.instant());
        SendRun run = runs.request(Frequency.DAILY, RunTrigger.STAFF, null);

        assertThat(runs.cancel(run.id())).isTrue();
        runs.planPending();

        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isZero();
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    private long publish(String id, String state, boolean urgent, Instant publishedAt) {
        return briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", "Title " + id, null,
                List.of(), publishedAt, "en", List.of(), List.of("iran"), state, urgent)).brief().id();
    }

    private void plan(Frequency frequency) {
        runs.request(frequency, RunTrigger.API, null);
        runs.planPending();
    }

    /** A run already planned, so that the planner leaves it alone. */
    private long plannedRun() {
        return jdbc.sql("""
                        insert into send_run (frequency, trigger, cutoff, created_at, planned_at)
                        values ('daily', 'api', :now, :now, :now) returning id
                        """)
                .param("now", Sql.utc(clock.instant())).query(Long.class).single();
    }

    /** A digest queued for tomorrow, so that no sender takes it while the test looks at it. */
    private long queuedDigest(long run, long reader, long... briefIds) {
        long delivery = jdbc.sql("""
                        insert into delivery (run_id, subscriber_id, next_attempt_at, message_id, created_at)
                        values (:run, :reader, :later, gen_random_uuid()::text, :now) returning id
                        """)
                .param("run", run).param("reader", reader)
                .param("later", Sql.utc(clock.instant().plus(Duration.ofDays(1))))
                .param("now", Sql.utc(clock.instant()))
                .query(Long.class).single();
        for (long brief : briefIds) {
            jdbc.sql("insert into delivery_brief (subscriber_id, brief_id, delivery_id) values (:r, :b, :d)")
                    .param("r", reader).param("b", brief).param("d", delivery).update();
        }
        return delivery;
    }

    private Claim claim(long delivery, long reader) {
        String messageId = jdbc.sql("select message_id from delivery where id = :id").param("id", delivery)
                .query(String.class).single();
        return new Claim(delivery, reader, messageId, 0);
    }

    private List<Long> ledger(long reader) {
        return jdbc.sql("select brief_id from delivery_brief where subscriber_id = :id order by brief_id")
                .param("id", reader).query(Long.class).list();
    }

    private int urgentRuns() {
        return jdbc.sql("select count(*) from send_run where trigger = 'urgent'").query(Integer.class).single();
    }

    private Instant hourAgo() {
        return clock.instant().minus(Duration.ofHours(1));
    }

    private Fixtures fixtures() {
        return new Fixtures(jdbc);
    }
}
