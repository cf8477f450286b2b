package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service is stopped in the middle of a send and started again on the same database:
 * every due digest arrives, and each exactly once.
 */
class RestartTest {

    private static final int READERS = 150;

    @Test
    void stoppedMidSendAndRestartedEveryDigestArrivesExactlyOnce() throws Exception {
        String database = TestInfra.newDatabaseUrl();
        // 50 a second: the send takes three seconds, long enough to stop it half way
        String[] throttled = {"alerts.delivery.max-per-second=50", "alerts.delivery.batch-size=10"};
        TestInfra.mail().purgeEmailFromAllMailboxes();

        ConfigurableApplicationContext first = AppRunner.start(database, TestInfra.smtpPort(), throttled);
        Fixtures fixtures = new Fixtures(AppRunner.jdbc(first));
        for (int i = 0; i < READERS; i++) {
            fixtures.reader("reader" + i + "@example.org", "immediate", Instant.now().minusSeconds(3600), "*/iran");
        }
        Http staff = new Http(AppRunner.port(first));
        staff.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
        String run = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");

        await().atMost(Duration.ofSeconds(20)).until(() -> received() >= 30);
        first.close();
        int beforeRestart = received();
        assertThat(beforeRestart).as("stopped part way").isBetween(30, READERS - 1);

        ConfigurableApplicationContext second = AppRunner.start(database, TestInfra.smtpPort(), throttled);
        try {
            Http staffAgain = new Http(AppRunner.port(second));
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(Json.object(staffAgain.getApi(run).body()).get("status")));
            Thread.sleep(500);

            Map<String, Long> perReader = Stream.of(TestInfra.mail().getReceivedMessages())
                    .collect(Collectors.groupingBy(RestartTest::recipient, Collectors.counting()));
            assertThat(perReader).hasSize(READERS);
            assertThat(perReader.values()).allMatch(n -> n == 1);
            assertThat(Json.object(staffAgain.getApi(run).body())).containsEntry("sent", READERS).containsEntry("failed", 0);
        } finally {
            second.close();
        }
    }

    private static int received() {
        return TestInfra.mail().getReceivedMessages().length;
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
