package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the outbox records for each answer an SMTP server can give, and that one connection carries many
 * messages. Runs against a scripted SMTP server: 550 for "reject@…", 451 once for "later@…".
 */
class SmtpOutcomesTest {

    private static ScriptedSmtpServer smtp;
    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        smtp = new ScriptedSmtpServer();
        app = AppRunner.start(TestInfra.newDatabaseUrl(), smtp.port(), "alerts.delivery.retry-backoff=1s");
        jdbc = AppRunner.jdbc(app);
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.close();
    }

    @Test
    void eachReplyIsRecordedAndConnectionsAreReused() {
        Fixtures fixtures = new Fixtures(jdbc);
        Instant since = Instant.now().minus(Duration.ofHours(1));
        List<String> readers = new ArrayList<>(List.of("reject@example.org", "later@example.org"));
        for (int i = 0; i < 30; i++) {
            readers.add("ok" + i + "@example.org");
        }
        readers.forEach(r -> fixtures.reader(r, "immediate", since, "*/*"));
        Http staff = new Http(AppRunner.port(app));
        staff.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));

        String run = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "done_with_failures".equals(Json.object(staff.getApi(run).body()).get("status")));

        assertThat(Json.object(staff.getApi(run).body())).containsEntry("matched", 32).containsEntry("sent", 31)
                .containsEntry("failed", 1).containsEntry("queued", 0);
        assertThat(delivery("reject@example.org")).containsEntry("status", "rejected").containsEntry("attempts", 1)
                .hasEntrySatisfying("smtp_reply", reply -> assertThat((String) reply).contains("550 5.1.1 no such mailbox"));
        assertThat(delivery("later@example.org")).containsEntry("status", "sent").containsEntry("attempts", 2)
                .hasEntrySatisfying("last_error", error -> assertThat((String) error).contains("451 4.7.1"));
        assertThat(delivery("ok7@example.org")).containsEntry("status", "sent").containsEntry("attempts", 1)
                .hasEntrySatisfying("smtp_reply", reply -> assertThat((String) reply).startsWith("250 2.0.0 queued as"));

        assertThat(smtp.accepted()).hasSize(31).doesNotHaveDuplicates();
        assertThat(smtp.connections()).as("connections for 33 attempts").isLessThanOrEqualTo(4);
        assertThat(app.getBean(MeterRegistry.class).counter("alerts.smtp.connections.opened").count())
                .isEqualTo(smtp.connections());
    }

    private static Map<String, Object> delivery(String email) {
        return jdbc.sql("""
                        select d.status, d.attempts, d.smtp_reply, d.last_error from delivery d
                        join subscriber s on s.id = d.subscriber_id where s.email = :email
                        """)
                .param("email", email)
                .query()
                .singleRow();
    }
}
