package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The SMTP server took a message, and then recording it fails because every database connection was dropped
 * (as in a PostgreSQL restart), at the end of each window of four. The sender keeps trying to record the window's
 * outcomes within the lease: nothing is sent twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordAfterAcceptTest {

    private static final int READERS = 12;

    @Test
    void connectionsDroppedRightAfterA250SendNothingTwice(CapturedOutput output) {
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.senders=1", "alerts.delivery.in-flight-window=4")) {
            List<String> readers = scenario.readers("reader", READERS);
            AtomicInteger drops = new AtomicInteger();
            scenario.smtp.afterData(recipient -> {
                if (scenario.smtp.accepted().size() % 4 == 0) {
                    // planning is over before the connections go, so that only the record of a send is at stake
                    await().until(() -> scenario.db.sql("select count(*) from send_run where planned_at is null")
                            .query(Integer.class).single() == 0);
                    drops.addAndGet(scenario.db.sql("""
                                    select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                                    where datname = current_database() and pid <> pg_backend_pid()
                                    """)
                            .query(Integer.class).single());
                }
            });
            String run = scenario.send();

            assertThat(scenario.awaitRun(run, "done")).containsEntry("sent", READERS).containsEntry("failed", 0);
            assertThat(drops.get()).as("connections dropped").isPositive();
            assertThat(scenario.smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            assertThat(scenario.deliveries()).allSatisfy(d -> assertThat(d)
                    .containsEntry("status", "sent").containsEntry("attempts", 1));
            assertThat(output.getOut())
                    .contains("were answered by the SMTP server (the last as 250 2.0.0 queued as 4), could not record "
                            + "that yet; retrying")
                    .contains("are recorded after all")
                    .doesNotContain("sent again").doesNotContain("stopped");
        }
    }
}
