package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one database share one messages-per-second limit: together they send no faster than it allows
 * (with a limit per instance they would send twice as fast), and every reader gets exactly one mail.
 */
class SharedRateLimitTest {

    private static final int READERS = 400;
    private static final int PER_SECOND = 50;

    @Test
    void twoInstancesTogetherKeepToOneLimit() {
        String database = TestInfra.newDatabaseUrl();
        String[] settings = {"alerts.delivery.max-per-second=" + PER_SECOND, "alerts.delivery.batch-size=50"};
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             ConfigurableApplicationContext a = AppRunner.start(database, smtp.port(), settings);
             ConfigurableApplicationContext b = AppRunner.start(database, smtp.port(), settings)) {
            List<Long> acceptedAt = new CopyOnWriteArrayList<>();
            smtp.afterData(recipient -> acceptedAt.add(System.nanoTime()));
            Fixtures fixtures = new Fixtures(AppRunner.jdbc(a));
            List<String> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add("reader" + i + "@example.org");
                fixtures.reader(readers.get(i), "immediate", Instant.now().minusSeconds(3600), "*/iran");
            }
            Http staffOnA = new Http(AppRunner.port(a));
            staffOnA.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
            staffOnA.postApi("/api/sends", "{\"frequency\":\"immediate\"}");

            await().atMost(Duration.ofSeconds(60)).until(() -> smtp.accepted().size() >= READERS);
            assertThat(smtp.accepted()).as("every reader exactly once").containsExactlyInAnyOrderElementsOf(readers);
            assertThat(sent(a)).as("A sent").isPositive();
            assertThat(sent(b)).as("B sent").isPositive();
            // at most a second's worth goes at once, the rest at the limit: (400 - 50) / 50 = 7 s at least
            double seconds = (acceptedAt.get(acceptedAt.size() - 1) - acceptedAt.get(0)) / 1e9;
            assertThat(seconds).isGreaterThanOrEqualTo((READERS - PER_SECOND) / (double) PER_SECOND - 0.1);
        }
    }

    private static double sent(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class).counter("alerts.delivery.sent").count();
    }
}
