package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that keeps deferring some recipients (451): each try of theirs waits longer than the one before, and
 * once the next try would come after the give-up age the delivery is marked failed, long before the attempts run
 * out. The other readers of the run are not held up.
 */
class GiveUpTest {

    @Test
    void deliveriesDeferredPastTheGiveUpAgeFail() {
        // retries after up to 0.3, 0.6, 1.2, 2.4, 4.8 s (each at least half of that): one comes too late for 10 s
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.retry-backoff=300ms",
                "alerts.delivery.give-up-after=10s", "alerts.delivery.max-attempts=50", "alerts.delivery.poll=100ms")) {
            List<String> readers = scenario.readers("reader", 3);
            scenario.readers("busy", 2);
            String run = scenario.send();

            assertThat(scenario.awaitRun(run, "done_with_failures")).containsEntry("sent", 3).containsEntry("failed", 2);
            assertThat(scenario.smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            List<Map<String, Object>> deferred = scenario.deliveries().stream()
                    .filter(d -> ((String) d.get("email")).startsWith("busy")).toList();
            assertThat(deferred).hasSize(2).allSatisfy(d -> {
                assertThat(d).containsEntry("status", "failed");
                assertThat((Integer) d.get("attempts")).as("retried, and given up by age, not by count").isBetween(2, 10);
                assertThat((String) d.get("last_error")).contains("451");
            });
        }
    }
}
