package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;

/**
 * /actuator/prometheus, as Prometheus reads it: only with the staff API token, and after a send its counters have
 * moved by exactly the mails of that send. The context is shared with other tests, so differences are compared.
 */
class MetricsTest extends IntegrationTest {

    private static final String SENT = "alerts_delivery_sent_total";
    private static final String QUEUED = "alerts_delivery_queued_total";
    private static final String FAILED = "alerts_delivery_failed_total";
    private static final String RETRIED = "alerts_delivery_retried_total";
    private static final String PLANNED = "alerts_run_planning_seconds_count{kind=\"immediate\"}";
    private static final String DEPTH = "alerts_outbox_depth";

    @Test
    void theScrapeIsForStaffOnlyAndHealthStaysPublic() {
        Http http = new Http(port);

        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "Authorization", "Bearer not-the-token").status()).isEqualTo(401);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        Http.Response scrape = http.getApi("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.body()).contains("# HELP alerts_outbox_oldest_due_age_seconds",
                "# TYPE alerts_delivery_sent_total counter", "# TYPE alerts_outbox_depth gauge");
    }

    @Test
    void aSendMovesTheCountersByItsMails() {
        Http http = new Http(port);
        Instant since = clock.instant().minus(Duration.ofHours(1));
        Fixtures fixtures = new Fixtures(jdbc);
        for (int i = 1; i <= 3; i++) {
            fixtures.reader("metrics" + i + "@example.net", "immediate", since, "*/iran");
        }
        fixtures.reader("elsewhere@example.net", "immediate", since, "*/egypt");
        Map<String, Double> before = scrape(http);

        http.postApi("/api/briefs", Json.brief("m1", "A brief", List.of(), List.of("iran"), clock.instant()));
        String run = http.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
        await().until(() -> Json.object(http.getApi(run).body()).get("status").equals("done"));
        awaitMail(3);
        Map<String, Double> after = scrape(http);

        assertThat(after.get(SENT) - before.get(SENT)).isEqualTo(3.0);
        assertThat(after.get(QUEUED) - before.get(QUEUED)).isEqualTo(3.0);
        assertThat(after.get(FAILED) - before.get(FAILED)).isZero();
        assertThat(after.get(RETRIED) - before.get(RETRIED)).isZero();
        assertThat(after.get(PLANNED) - before.getOrDefault(PLANNED, 0.0)).isEqualTo(1.0);
    }

    @Test
    void theOutboxDepthIsReadFromTheDatabase() {
        Http http = new Http(port);
        long reader = new Fixtures(jdbc).reader("later@example.net", "immediate", clock.instant());
        // due in an hour: no sender takes it, so it waits in the queue
        jdbc.sql("""
                        insert into delivery (kind, priority, subscriber_id, status, next_attempt_at, message_id, created_at)
                        values ('transactional', 0, :reader, 'queued', now() + interval '1 hour', 'm@x', now())""")
                .param("reader", reader)
                .update();

        // read at most once per alerts.metrics.outbox-refresh (10s), so the new row shows within that
        await().atMost(Duration.ofSeconds(15)).until(() -> scrape(http).get(DEPTH) == 1.0);
    }

    /** Sample lines are "name{labels} value"; a name with its labels is the key. */
    private static Map<String, Double> scrape(Http http) {
        Http.Response response = http.getApi("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }
}
