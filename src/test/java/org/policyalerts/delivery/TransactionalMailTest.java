package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer.Outage;

/**
 * Confirmation mails go through the outbox like digests: sign-up never waits for SMTP, an outage only delays them,
 * a 5xx settles them. A run's failures show in its status, and the temporary ones can be queued again.
 */
class TransactionalMailTest {

    private static final String[] SETTINGS = {"alerts.delivery.max-attempts=2", "alerts.delivery.retry-backoff=100ms",
            "alerts.delivery.outage-probe=100ms"};

    @Test
    void aConfirmationQueuedWhileSmtpIsDownGoesOutWhenItIsBack() throws Exception {
        try (ScriptedSend scenario = new ScriptedSend(SETTINGS)) {
            scenario.smtp.outage(Outage.REFUSE);

            Http.Response answer = signUp(scenario, "reader@example.org");

            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.header("Location")).endsWith("/subscribe/check-inbox");
            Thread.sleep(1000);
            assertThat(scenario.deliveries()).singleElement().satisfies(d -> assertThat(d)
                    .containsEntry("kind", "transactional").containsEntry("status", "queued").containsEntry("attempts", 0));
            assertThat(scenario.count("id in (select delivery_id from delivery_mail)")).as("stored until sent").isOne();

            scenario.smtp.outage(null);

            await().atMost(Duration.ofSeconds(10)).until(() -> scenario.count("status = 'sent'") == 1);
            assertThat(scenario.smtp.accepted()).containsExactly("reader@example.org");
            assertThat(scenario.count("id in (select delivery_id from delivery_mail)"))
                    .as("the mail and its live token are forgotten once sent").isZero();
        }
    }

    @Test
    void aConfirmationOvertakesTheDigestsAlreadyQueued() {
        try (ScriptedSend scenario = new ScriptedSend("alerts.delivery.batch-size=5", "alerts.delivery.max-per-second=10")) {
            scenario.readers("reader", 40);
            scenario.send();
            await().atMost(Duration.ofSeconds(20)).until(() -> scenario.smtp.accepted().size() >= 3);

            signUp(scenario, "newcomer@example.org");
            // queued (committed) before the answer: from here on, only the batches in the two senders' hands go first
            int sentBeforeQueued = scenario.smtp.accepted().size();

            await().atMost(Duration.ofSeconds(20)).until(() -> scenario.smtp.accepted().size() == 41);
            assertThat(sentBeforeQueued).as("the digests were still going out").isLessThan(30);
            assertThat(scenario.smtp.accepted().indexOf("newcomer@example.org"))
                    .as("after at most the two batches in hand, not after the digests left")
                    .isLessThanOrEqualTo(sentBeforeQueued + 2 * 5);
        }
    }

    @Test
    void aRefusedConfirmationIsRejectedAndDoesNotCountTowardsTheCap() {
        try (ScriptedSend scenario = new ScriptedSend(SETTINGS)) {
            signUp(scenario, "reject@example.org");
            await().atMost(Duration.ofSeconds(10)).until(() -> scenario.count("status = 'rejected'") == 1);

            // within the minute in which a pending link is not mailed again: this one never reached the reader
            signUp(scenario, "reject@example.org");
            await().atMost(Duration.ofSeconds(10)).until(() -> scenario.count("status = 'rejected'") == 2);

            assertThat(scenario.deliveries()).allSatisfy(d -> assertThat(d).containsEntry("attempts", 1)
                    .hasEntrySatisfying("smtp_reply", reply -> assertThat((String) reply).startsWith("550")));
            assertThat(scenario.db.sql("select count(*) from confirmation").query(Integer.class).single()).isEqualTo(2);
            assertThat(scenario.count("id in (select delivery_id from delivery_mail)")).isZero();
            assertThat(scenario.smtp.accepted()).isEmpty();
        }
    }

    @Test
    void aRunWithFailuresSaysSoAndARetryQueuesOnlyTheTemporaryOnes() {
        try (ScriptedSend scenario = new ScriptedSend(SETTINGS)) {
            scenario.readers("reject", 1);
            scenario.readers("busy", 2);
            scenario.readers("ok", 3);
            String run = scenario.send();

            assertThat(scenario.awaitRun(run, "done_with_failures")).containsEntry("sent", 3).containsEntry("failed", 3);
            assertThat(statuses(scenario)).containsEntry("reject0@example.org", "rejected")
                    .containsEntry("busy0@example.org", "failed").containsEntry("busy1@example.org", "failed");

            scenario.smtp.acceptBusy();
            Http.Response retried = scenario.staff.postApi(run + "/retry", "");

            assertThat(retried.status()).isEqualTo(202);
            assertThat(Json.object(retried.body())).containsEntry("id", Integer.parseInt(run.substring(run.lastIndexOf('/') + 1)));
            assertThat(scenario.awaitRun(run, "done_with_failures")).containsEntry("sent", 5).containsEntry("failed", 1);
            assertThat(statuses(scenario)).containsEntry("reject0@example.org", "rejected")
                    .containsEntry("busy0@example.org", "sent").containsEntry("busy1@example.org", "sent");
            assertThat(scenario.smtp.accepted()).doesNotHaveDuplicates().hasSize(5).doesNotContain("reject0@example.org");
            assertThat(scenario.staff.postApi("/api/sends/999/retry", "").status()).isEqualTo(404);
        }
    }

    private static Map<String, Object> statuses(ScriptedSend scenario) {
        return scenario.db.sql("select s.email, d.status from delivery d join subscriber s on s.id = d.subscriber_id")
                .query((rs, n) -> Map.entry(rs.getString(1), (Object) rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Http.Response signUp(ScriptedSend scenario, String email) {
        Http browser = new Http(AppRunner.port(scenario.app));
        String csrf = browser.get("/subscribe").csrf();
        return browser.postForm("/subscribe", "_csrf", csrf, "email", email, "frequency", "daily", "match", "any",
                "regions", "iran");
    }

}
