package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application contexts against one PostgreSQL and one GreenMail send a 5,000-reader run: every reader gets
 * exactly one email, and the shared messages-per-second limit holds across both.
 */
class TwoInstancesTest {

    private static final int READERS = 5_000;
    private static final int PER_SECOND = 400;

    @Test
    void twoInstancesSendAFiveThousandReaderRunOncePerReaderUnderOneLimit() throws Exception {
        String database = TestInfra.newDatabaseUrl();
        TestInfra.mail().purgeEmailFromAllMailboxes();
        String[] settings = {"alerts.delivery.max-per-second=" + PER_SECOND};
        try (ConfigurableApplicationContext a = AppRunner.start(database, TestInfra.smtpPort(), settings);
             ConfigurableApplicationContext b = AppRunner.start(database, TestInfra.smtpPort(), settings)) {
            JdbcClient jdbc = AppRunner.jdbc(a);
            jdbc.sql("""
                            with r as (
                                insert into subscriber (email, status, frequency, manage_token, created_at, confirmed_at)
                                select 'reader' || g || '@example.org', 'active', 'immediate', md5('r' || g) || md5(g::text),
                                       now() - interval '1 day', now() - interval '1 day'
                                from generate_series(1, :n) g
                                returning id)
                            insert into subscription (subscriber_id, topic_id, region_id, created_at)
                            select id, null, (select id from region where slug = 'iran'), now() - interval '1 day' from r
                            """)
                    .param("n", READERS).update();
            Http staffOnA = new Http(AppRunner.port(a));
            staffOnA.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
            String run = staffOnA.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "done".equals(Json.object(staffOnA.getApi(run).body()).get("status")));

            Map<String, Long> perReader = Stream.of(TestInfra.mail().getReceivedMessages())
                    .collect(Collectors.groupingBy(TwoInstancesTest::recipient, Collectors.counting()));
            assertThat(perReader).hasSize(READERS);
            assertThat(perReader.values()).as("one email each").allMatch(n -> n == 1);
            assertThat(sent(a)).as("A sent").isPositive();
            assertThat(sent(b)).as("B sent").isPositive();
            // a second's worth may have piled up before any second: no second sees more than twice the limit
            int busiestSecond = jdbc.sql("""
                            select max(n) from (select count(*) as n from delivery where status = 'sent'
                                                group by date_trunc('second', sent_at)) s""")
                    .query(Integer.class).single();
            assertThat(busiestSecond).isLessThanOrEqualTo(2 * PER_SECOND);
            assertThat(Duration.between(sentAt(jdbc, "min"), sentAt(jdbc, "max")))
                    .isGreaterThanOrEqualTo(Duration.ofMillis((READERS - PER_SECOND) * 1000L / PER_SECOND - 100));
        }
    }

    private static Instant sentAt(JdbcClient jdbc, String which) {
        return jdbc.sql("select " + which + "(sent_at) from delivery").query(java.sql.Timestamp.class).single().toInstant();
    }

    private static double sent(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class).counter("alerts.delivery.sent").count();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
