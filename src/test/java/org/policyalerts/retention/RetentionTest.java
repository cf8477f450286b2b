package org.policyalerts.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.policyalerts.digest.DigestRetention;
import org.policyalerts.jdbc.Sql;
import org.policyalerts.subscription.SignUpRetention;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The daily purge, against the real schema: what goes, what stays, and that several instances run it once a day.
 * Each test builds its own job instances, as separate service instances would have, on the shared database.
 */
class RetentionTest extends IntegrationTest {

    // 04:00 UTC, after the default run time of 03:30
    private static final Instant T0 = Instant.parse("2026-05-01T04:00:00Z");

    @Autowired
    RetentionRepository repository;

    @Autowired
    SignUpRetention signUps;

    @Autowired
    DigestRetention digests;

    @Autowired
    RetentionProperties properties;

    @Autowired
    Briefs briefs;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void deletesOldUnconfirmedSignUpsAndUnusedLinksAndKeepsConsentAndRecentRequests() {
        long stale = pending("stale@example.org", days(40));
        confirmation(stale, days(40), null);
        long askedAgain = pending("again@example.org", days(40));
        long askedAgainOld = confirmation(askedAgain, days(40), null);
        long askedAgainNew = confirmation(askedAgain, days(2), null);
        long young = pending("young@example.org", days(10));
        long youngLink = confirmation(young, days(10), null);
        long active = new Fixtures(jdbc).reader("active@example.org", "daily", days(60), "*/iran");
        long consent = confirmation(active, days(60), days(60));
        long unusedChange = confirmation(active, days(35), null);
        long recentChange = confirmation(active, days(20), null);
        clock.set(T0);

        assertThat(instance().runIfDue()).isTrue();

        assertThat(ids("subscriber")).containsExactlyInAnyOrder(askedAgain, young, active);
        assertThat(ids("confirmation")).containsExactlyInAnyOrder(askedAgainNew, youngLink, consent, recentChange)
                .doesNotContain(askedAgainOld, unusedChange);
        assertThat(jdbc.sql("select count(*) from subscription").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void deletesManageLinkMailRecordsOverADayOld() {
        long active = new Fixtures(jdbc).reader("active@example.org", "daily", days(60), "*/iran");
        for (Instant at : List.of(days(2), T0.minus(Duration.ofHours(25)), T0.minus(Duration.ofHours(23)))) {
            jdbc.sql("insert into manage_link_mail (subscriber_id, created_at) values (:id, :at)")
                    .param("id", active).param("at", Sql.utc(at)).update();
        }
        clock.set(T0);

        assertThat(signUps.purge(properties.unconfirmedAfter()).manageLinkMails()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from manage_link_mail where created_at = :at")
                .param("at", Sql.utc(T0.minus(Duration.ofHours(23)))).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from manage_link_mail").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void neverDeletesASignUpWhoseLinkStillWorks() {
        long signedUp = pending("new@example.org", days(3));
        long link = confirmation(signedUp, days(3), null);
        clock.set(T0);

        // configured shorter than a link's lifetime (7 days): the lifetime wins
        assertThat(instance(new RetentionProperties(true, LocalTime.of(3, 30), ZoneOffset.UTC, Duration.ofDays(1)))
                .runIfDue()).isTrue();

        assertThat(ids("subscriber")).containsExactly(signedUp);
        assertThat(ids("confirmation")).containsExactly(link);
    }

    @Test
    void dropsTheLedgerOfBriefsPastTheMaximumAgeKeepingRunCountsAndNeverResending() {
        clock.set(days(22));
        long reader = new Fixtures(jdbc).reader("reader@example.org", "daily", days(22), "*/syria");
        clock.set(days(20));
        long old = publish("old", days(20).minusSeconds(3600));
        String oldRun = sendAndWait();
        clock.set(days(3));
        long recent = publish("recent", days(3).minusSeconds(3600));
        String recentRun = sendAndWait();
        awaitMail(2);
        // an old digest whose sender still holds it: its ledger rows are what it will be composed from
        long stuck = publish("stuck", days(20).minusSeconds(7200));
        long stuckRun = insertRun(days(20), days(20));
        long stuckDelivery = jdbc.sql("""
                        insert into delivery (run_id, subscriber_id, status, next_attempt_at, claimed_by, locked_until,
                                              message_id, created_at)
                        values (:run, :reader, 'claimed', :at, 'another-instance', :until, 'stuck@test', :at)
                        returning id
                        """)
                .param("run", stuckRun).param("reader", reader).param("at", Sql.utc(days(20)))
                .param("until", Sql.utc(T0.plus(Duration.ofDays(1)))).query(Long.class).single();
        ledger(reader, stuck, stuckDelivery);
        Map<String, Object> oldCounts = run(oldRun);
        Map<String, Object> recentCounts = run(recentRun);
        assertThat(oldCounts).containsEntry("sent", 1).containsEntry("matched", 1).containsEntry("status", "done");
        clock.set(T0);

        assertThat(instance().runIfDue()).isTrue();

        assertThat(jdbc.sql("select brief_id from delivery_brief").query(Long.class).list())
                .containsExactlyInAnyOrder(recent, stuck).doesNotContain(old);
        assertThat(run(oldRun)).isEqualTo(oldCounts);
        assertThat(run(recentRun)).isEqualTo(recentCounts);
        // with its ledger row gone, the old brief is still never sent again
        assertThat(run(sendAndWait())).containsEntry("matched", 0).containsEntry("status", "done");
        assertThat(mail().getReceivedMessages()).hasSize(2);
    }

    @Test
    void dropsTheOldLedgerOfEverySettledDigestButNotOfOneStillBeingSent() {
        clock.set(days(20));
        long reader = new Fixtures(jdbc).reader("reader@example.org", "daily", days(22), "*/syria");
        long run = insertRun(days(20), days(20));
        long refused = publish("refused", days(20).minusSeconds(3600));
        ledger(reader, refused, delivery(run, reader, "rejected"));
        long inFlight = publish("in-flight", days(20).minusSeconds(3600));
        ledger(reader, inFlight, delivery(run, reader, "sending"));
        clock.set(T0);

        assertThat(instance().runIfDue()).isTrue();

        assertThat(jdbc.sql("select brief_id from delivery_brief").query(Long.class).list()).containsExactly(inFlight);
    }

        @Test
    void keepsTheLedgerARunNotYetPlannedStillMatchesAgainst() {
        clock.set(days(20));
        long reader = new Fixtures(jdbc).reader("reader@example.org", "daily", days(22), "*/syria");
        long brief = publish("old", days(20).minusSeconds(3600));
        long sentRun = insertRun(days(20), days(20));
        long delivery = jdbc.sql("""
                        insert into delivery (run_id, subscriber_id, status, next_attempt_at, message_id, created_at,
                                              sent_at)
                        values (:run, :reader, 'sent', :at, 'sent@test', :at, :at) returning id
                        """)
                .param("run", sentRun).param("reader", reader).param("at", Sql.utc(days(20)))
                .query(Long.class).single();
        ledger(reader, brief, delivery);
        // a run that a crash left unplanned still matches briefs published up to the age limit before its cutoff
        long unplanned = insertRun(days(10), null);
        clock.set(T0);

        assertThat(instance().runIfDue()).isTrue();
        assertThat(jdbc.sql("select count(*) from delivery_brief").query(Integer.class).single()).isEqualTo(1);

        jdbc.sql("update send_run set error = 'planning failed' where id = :id").param("id", unplanned).update();
        clock.set(T0.plus(Duration.ofDays(1)));
        assertThat(instance().runIfDue()).isTrue();
        assertThat(jdbc.sql("select count(*) from delivery_brief").query(Integer.class).single()).isZero();
    }

    @Test
    void runsOnceADayAfterItsTimeHoweverManyInstancesTry() throws Exception {
        long stale = pending("stale@example.org", days(40));
        clock.set(Instant.parse("2026-05-01T03:29:00Z"));
        assertThat(instance().runIfDue()).isFalse();
        assertThat(ids("subscriber")).containsExactly(stale);

        clock.set(Instant.parse("2026-05-01T03:30:00Z"));
        List<Callable<Boolean>> instances = List.of(instance()::runIfDue, instance()::runIfDue, instance()::runIfDue);
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        List<Boolean> ran = new ArrayList<>();
        try {
            for (Future<Boolean> result : pool.invokeAll(instances)) {
                ran.add(result.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(ran).containsExactlyInAnyOrder(true, false, false);
        assertThat(ids("subscriber")).isEmpty();
        assertThat(jdbc.sql("select count(*) from retention_run where day = '2026-05-01' and finished_at is not null")
                .query(Integer.class).single()).isEqualTo(1);

        // later that day nobody runs it again; the next day somebody does
        long later = pending("later@example.org", days(40));
        clock.set(Instant.parse("2026-05-01T23:59:00Z"));
        assertThat(instance().runIfDue()).isFalse();
        assertThat(ids("subscriber")).containsExactly(later);
        clock.set(Instant.parse("2026-05-02T03:30:00Z"));
        RetentionJob next = instance();
        assertThat(next.runIfDue()).isTrue();
        assertThat(next.runIfDue()).isFalse();
        assertThat(ids("subscriber")).isEmpty();
    }

    /** A job as a freshly started instance has it: nothing remembered, only the database to go by. */
    private RetentionJob instance() {
        return instance(properties);
    }

    private RetentionJob instance(RetentionProperties settings) {
        return new RetentionJob(repository, signUps, digests, settings, clock);
    }

    private static Instant days(int ago) {
        return T0.minus(Duration.ofDays(ago));
    }

    private List<Long> ids(String table) {
        return jdbc.sql("select id from " + table).query(Long.class).list();
    }

    private long pending(String email, Instant created) {
        return jdbc.sql("""
                        insert into subscriber (email, status, frequency, manage_token, created_at)
                        values (:email, 'pending', 'daily', :token, :created) returning id
                        """)
                .param("email", email).param("token", UUID.randomUUID().toString()).param("created", Sql.utc(created))
                .query(Long.class).single();
    }

    private long confirmation(long subscriberId, Instant created, Instant confirmed) {
        return jdbc.sql("""
                        insert into confirmation (subscriber_id, token_hash, frequency, match_mode, regions,
                                                  created_at, expires_at, confirmed_at)
                        values (:subscriber, :hash, 'daily', 'any', '{iran}', :created, :expires, :confirmed)
                        returning id
                        """)
                .param("subscriber", subscriberId)
                .param("hash", UUID.randomUUID().toString().getBytes())
                .param("created", Sql.utc(created))
                .param("expires", Sql.utc(created.plus(Duration.ofDays(7))))
                .param("confirmed", Sql.utc(confirmed), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .query(Long.class).single();
    }

    private long publish(String id, Instant publishedAt) {
        return briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", "Brief " + id, null,
                List.of(), publishedAt, "en", List.of(), List.of("syria"))).brief().id();
    }

    private long insertRun(Instant cutoff, Instant plannedAt) {
        return jdbc.sql("""
                        insert into send_run (frequency, trigger, cutoff, planned_at, created_at)
                        values ('daily', 'api', :cutoff, :planned, :cutoff) returning id
                        """)
                .param("cutoff", Sql.utc(cutoff))
                .param("planned", Sql.utc(plannedAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .query(Long.class).single();
    }

    private long delivery(long run, long reader, String status) {
        return jdbc.sql("""
                        insert into delivery (run_id, subscriber_id, status, next_attempt_at, claimed_by, locked_until,
                                              message_id, created_at)
                        values (:run, :reader, :status, :at, 'another-instance', :until, :message, :at)
                        returning id
                        """)
                .param("run", run).param("reader", reader).param("status", status).param("at", Sql.utc(days(20)))
                .param("until", Sql.utc(T0.plus(Duration.ofDays(1)))).param("message", status + "@test")
                .query(Long.class).single();
    }

    private void ledger(long reader, long brief, long delivery) {
        jdbc.sql("insert into delivery_brief (subscriber_id, brief_id, delivery_id) values (:r, :b, :d)")
                .param("r", reader).param("b", brief).param("d", delivery).update();
    }

    /** Starts a daily send through the API and waits for it to finish; returns its status path. */
    private String sendAndWait() {
        String location = http.postApi("/api/sends", "{\"frequency\":\"daily\"}").header("Location");
        await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(run(location).get("status")));
        return location;
    }

    private Map<String, Object> run(String location) {
        return Json.object(http.getApi(location).body());
    }
}
