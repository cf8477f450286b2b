package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.policyalerts.AppRunner;
import org.policyalerts.BenchmarkReport;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Digests per second from queued to accepted by the SMTP server, with the shipped connection reuse against a
 * new connection for every message, in the same run. The server is {@link ScriptedSmtpServer} on loopback, which
 * does next to nothing, so the figures are the service's own cost (render, record, SMTP dialogue). Loopback
 * without TLS is the cheapest connection there is; against a real server (TLS, AUTH, network round trips) the
 * gap is wider. Run with ./mvnw -Pbenchmark verify (docs/benchmarks.md).
 */
class SendingBenchmark {

    private static final int DIGESTS = Integer.getInteger("bench.digests", 3000);

    @Test
    void connectionReuseAgainstAConnectionPerMessage() throws Exception {
        double perMessage = digestsPerSecond(1);
        double reused = digestsPerSecond(100);
        new BenchmarkReport("sending").row("digests per run", DIGESTS).row("sender threads", 2)
                .row("new connection per message, digests/s", String.format("%.0f", perMessage))
                .row("connection reused for 100 messages (shipped), digests/s", String.format("%.0f", reused))
                .row("speed-up", String.format("%.1fx", reused / perMessage))
                .print();
    }

    private static double digestsPerSecond(int messagesPerConnection) throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), smtp.port(),
                "alerts.delivery.messages-per-connection=" + messagesPerConnection)) {
            Http staff = new Http(AppRunner.port(app));
            send(app, staff, 300, "iraq");
            long start = System.nanoTime();
            send(app, staff, DIGESTS, "iran");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(smtp.accepted()).hasSize(300 + DIGESTS);
            return DIGESTS / seconds;
        }
    }

    /** Adds {@code readers} readers of a region, publishes a brief on it and sends it; returns when all are sent. */
    private static void send(ConfigurableApplicationContext app, Http staff, int readers, String region) {
        AppRunner.jdbc(app).sql("""
                        with r as (
                            insert into subscriber (email, status, frequency, manage_token, created_at, confirmed_at)
                            select :batch || g || '@example.org', 'active', 'immediate', md5(:batch || g) || md5(g::text),
                                   now() - interval '1 day', now() - interval '1 day'
                            from generate_series(1, :n) g
                            returning id)
                        insert into subscription (subscriber_id, topic_id, region_id, created_at)
                        select id, null, (select id from region where slug = :batch), now() - interval '1 day' from r
                        """)
                .param("batch", region).param("n", readers).update();
        staff.postApi("/api/briefs", Json.brief(region, "A brief", List.of("energy-economics"), List.of(region),
                Instant.now()));
        String run = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "done".equals(Json.object(staff.getApi(run).body()).get("status")));
    }
}
