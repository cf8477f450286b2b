package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Claims change hands when a lease runs out, and every mail still goes out exactly once. */
@ExtendWith(OutputCaptureExtension.class)
class LeaseTakeoverTest {

    private static final int READERS = 12;

    @Test
    void twoSendersAndALeaseExpiredMidBatchSendEveryMailExactlyOnce(CapturedOutput output) {
        // one batch holds every reader, sent four at a time; the other sender idles until the lease of that batch
        // runs out while the first window is on the wire
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.senders=2", "alerts.delivery.batch-size=50",
                "alerts.delivery.in-flight-window=4", "alerts.delivery.max-per-second=10")) {
            List<String> readers = scenario.readers("reader", READERS);
            AtomicBoolean expired = new AtomicBoolean();
            scenario.smtp.afterData(recipient -> {
                if (expired.compareAndSet(false, true)) {
                    scenario.db.sql("update delivery set locked_until = now() - interval '1 second' where status = 'claimed'")
                            .update();
                }
            });
            String run = scenario.send();

            assertThat(scenario.awaitRun(run, "done")).containsEntry("sent", READERS);
            assertThat(scenario.smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            assertThat(scenario.deliveries()).allSatisfy(d -> assertThat(d)
                    .containsEntry("status", "sent").containsEntry("attempts", 1));
            assertThat(output.getOut()).as("the batch did change hands")
                    .contains("was claimed by a sender that stopped; it is back in the queue")
                    .contains("is no longer this sender's (its lease ran out and another sender took it over)");
        }
    }

    @Test
    void aBatchSlowedByTheRateCapKeepsItsLease(CapturedOutput output) {
        // eight mails at four a second take two seconds: twice the lease
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.senders=2", "alerts.delivery.batch-size=50",
                "alerts.delivery.max-per-second=4", "alerts.delivery.lease=1s")) {
            List<String> readers = scenario.readers("reader", 8);
            String run = scenario.send();

            assertThat(scenario.awaitRun(run, "done")).containsEntry("sent", 8);
            assertThat(scenario.smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            assertThat(output.getOut()).doesNotContain("claimed by a sender that stopped")
                    .doesNotContain("is no longer this sender's");
        }
    }
}
