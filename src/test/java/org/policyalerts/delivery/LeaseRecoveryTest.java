package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Rows a killed sender left behind: once their lease runs out they go out again; one that was being handed to the SMTP server
 * is logged as a possible duplicate. A lease still running belongs to a live sender and is left alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaseRecoveryTest extends IntegrationTest {

    @Autowired
    Briefs briefs;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void expiredLeasesAreSentAgainAndTheInFlightOneIsLogged(CapturedOutput output) {
        Fixtures fixtures = new Fixtures(jdbc);
        long onTheWire = fixtures.reader("wire@example.org", "immediate", clock.instant().minusSeconds(3600), "*/*");
        long claimed = fixtures.reader("claimed@example.org", "immediate", clock.instant().minusSeconds(3600), "*/*");
        long live = fixtures.reader("live@example.org", "immediate", clock.instant().minusSeconds(3600), "*/*");
        long brief = briefs.publish(new BriefInput("b1", "https://example.org/b1", null, "Title", null, List.of(),
                clock.instant(), "en", List.of(), List.of())).brief().id();
        jdbc.sql("insert into send_run (frequency, trigger, cutoff, planned_at, created_at) values ('immediate', 'api', now(), now(), now())")
                .update();
        leftBehind(onTheWire, brief, "sending", "-1 minute");
        leftBehind(claimed, brief, "claimed", "-1 minute");
        leftBehind(live, brief, "sending", "+1 hour");

        dispatcher.wake();

        // the mail arrives before its row is marked sent: wait for the database, not the mailbox
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(onTheWire)) && "sent".equals(status(claimed)));
        assertThat(output.getOut()).contains("Delivery 1 to subscriber " + onTheWire
                + " was being handed to the SMTP server when its sender stopped; it is sent again and may arrive twice");
        assertThat(output.getOut()).doesNotContain("Delivery 2 to subscriber " + claimed + " was being handed");

        assertThat(status(live)).isEqualTo("sending");
        assertThat(mail().getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("wire@example.org", "claimed@example.org");
    }

    private void leftBehind(long reader, long brief, String status, String leaseEnds) {
        long delivery = jdbc.sql("""
                        insert into delivery (run_id, subscriber_id, status, attempts, next_attempt_at, claimed_by,
                                              locked_until, message_id, created_at)
                        values (1, :reader, :status, 1, now(), 'killed-instance#1', now() + cast(:lease as interval),
                                gen_random_uuid()::text, now())
                        returning id
                        """)
                .param("reader", reader).param("status", status).param("lease", leaseEnds)
                .query(Long.class).single();
        jdbc.sql("insert into delivery_brief (subscriber_id, brief_id, delivery_id) values (:r, :b, :d)")
                .param("r", reader).param("b", brief).param("d", delivery).update();
    }

    private String status(long reader) {
        return jdbc.sql("select status from delivery where subscriber_id = :r").param("r", reader).query(String.class).single();
    }
}
