package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one database, both polling only every 30 s: a run queued on A is joined by B at once, because
 * the queueing transaction notifies and B listens. Without the notice B would sleep through the whole run.
 */
class JoinAtOnceTest {

    private static final int READERS = 100;

    @Test
    void anotherInstanceJoinsARunLongBeforeItsPoll() {
        String database = TestInfra.newDatabaseUrl();
        String[] settings = {"alerts.delivery.poll=30s", "alerts.delivery.batch-size=10",
                "alerts.delivery.max-per-second=10"};
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             ConfigurableApplicationContext a = AppRunner.start(database, smtp.port(), settings);
             ConfigurableApplicationContext b = AppRunner.start(database, smtp.port(), settings)) {
            Fixtures fixtures = new Fixtures(AppRunner.jdbc(a));
            List<String> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add("reader" + i + "@example.org");
                fixtures.reader(readers.get(i), "immediate", Instant.now().minusSeconds(3600), "*/iran");
            }
            Http staffOnA = new Http(AppRunner.port(a));
            staffOnA.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
            staffOnA.postApi("/api/sends", "{\"frequency\":\"immediate\"}");

            // at A's 10 a second the run takes 10 s alone; B's poll is 30 s away
            await().atMost(Duration.ofSeconds(8)).until(() -> sent(b) > 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.accepted().size() >= READERS);
            assertThat(smtp.accepted()).containsExactlyInAnyOrderElementsOf(readers);
            assertThat(sent(a)).as("A sent its share too").isPositive();
        }
    }

    private static double sent(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class).counter("alerts.delivery.sent").count();
    }
}
