package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyalerts.ScriptedSmtpServer.Outage;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An SMTP outage is not a delivery failure: it pauses the senders, costs no delivery an attempt, and everything
 * queued goes out once the server is back, however long it was down.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutageTest {

    private static final int READERS = 30;

    @Test
    void anOutageTenTimesLongerThanTheRetryBudgetLosesNothing(CapturedOutput output) throws Exception {
        // retry budget: 100ms + 200ms between three attempts; the outage lasts over ten times that in each of its forms
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.max-attempts=3",
                "alerts.delivery.retry-backoff=100ms", "alerts.delivery.outage-probe=100ms",
                "alerts.delivery.max-per-second=50")) {
            List<String> readers = scenario.readers("reader", READERS);
            AtomicBoolean down = new AtomicBoolean();
            // the server goes down in the middle of a batch, right after it took its fifth message
            scenario.smtp.afterData(recipient -> {
                if (scenario.smtp.accepted().size() == 5 && down.compareAndSet(false, true)) {
                    scenario.smtp.outage(Outage.GREET_421);
                }
            });
            String run = scenario.send();

            await().atMost(Duration.ofSeconds(20)).untilTrue(down);
            Thread.sleep(300);
            // the other sender may have been mid-DATA when the server went down: that message made it, nothing after
            int beforeOutage = scenario.smtp.accepted().size();
            assertThat(beforeOutage).isBetween(5, 6);
            Thread.sleep(1200);
            scenario.smtp.outage(Outage.REFUSE);
            Thread.sleep(1500);
            scenario.smtp.outage(Outage.DROP);
            Thread.sleep(1500);
            assertThat(scenario.smtp.accepted()).as("nothing got through the outage").hasSize(beforeOutage);
            assertThat(scenario.count("status in ('failed', 'rejected')")).as("nothing given up").isZero();
            assertThat(scenario.count("status = 'queued' and attempts > 0")).as("no attempt spent").isZero();
            assertThat(scenario.run(run)).containsEntry("status", "running");

            scenario.smtp.outage(null);

            assertThat(scenario.awaitRun(run, "done")).containsEntry("sent", READERS).containsEntry("failed", 0);
            assertThat(scenario.smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            assertThat(scenario.deliveries()).allSatisfy(d -> assertThat(d)
                    .containsEntry("status", "sent").containsEntry("attempts", 1));
            assertThat(output.getOut()).containsOnlyOnce("The SMTP server is unavailable")
                    .containsOnlyOnce("The SMTP server answers again; sending resumes")
                    .doesNotContain("temporary").doesNotContain("@example.org");
        }
    }

    @Test
    void aRelayDemandingALoginAtMailFromIsAnOutageNotARejection() throws Exception {
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.max-attempts=3",
                "alerts.delivery.retry-backoff=100ms", "alerts.delivery.outage-probe=100ms")) {
            List<String> readers = scenario.readers("reader", 5);
            scenario.smtp.requireAuth(true);
            String run = scenario.send();

            // several rounds of "probe connects, a message is claimed, 530 to MAIL FROM": each would have cost an
            // attempt (three use up max-attempts), or rejected the message for good
            await().atMost(Duration.ofSeconds(20)).until(() -> scenario.smtp.connections() >= 6);
            assertThat(scenario.smtp.accepted()).isEmpty();
            assertThat(scenario.count("status in ('failed', 'rejected')")).as("nothing given up").isZero();
            assertThat(scenario.count("status = 'queued' and attempts > 0")).as("no attempt spent").isZero();

            scenario.smtp.requireAuth(false);

            assertThat(scenario.awaitRun(run, "done")).containsEntry("sent", 5).containsEntry("failed", 0);
            assertThat(scenario.smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            assertThat(scenario.deliveries()).allSatisfy(d -> assertThat(d)
                    .containsEntry("status", "sent").containsEntry("attempts", 1));
        }
    }

    @Test
    void aMessageThatMakesTheServerHangUpWaitsItsTurnInsteadOfBlockingTheQueue() throws Exception {
        // one sender taking one row at a time: the claim order alone decides what is sent next
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.senders=1", "alerts.delivery.batch-size=1",
                "alerts.delivery.retry-backoff=5s", "alerts.delivery.outage-probe=100ms")) {
            scenario.readers("drop", 1);
            List<String> readers = scenario.readers("reader", 4);
            scenario.smtp.outage(Outage.REFUSE);
            scenario.send();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> scenario.count("kind = 'digest' and status = 'queued'") == 5);
            // the message the server hangs up on is due first
            scenario.db.sql("""
                    update delivery d set next_attempt_at = now() - case when s.email like 'drop%'
                        then interval '2 hours' else interval '1 hour' end
                    from subscriber s where s.id = d.subscriber_id""").update();

            scenario.smtp.outage(null);

            // released due now, it would be claimed first again and again, and nobody else would get mail
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> scenario.smtp.accepted().containsAll(readers));
            assertThat(scenario.count("status in ('failed', 'rejected')")).as("nothing given up").isZero();
            assertThat(scenario.count("status = 'queued' and attempts > 0")).as("no attempt spent").isZero();
        }
    }
}
