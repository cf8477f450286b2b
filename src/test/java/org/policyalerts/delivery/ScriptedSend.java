package org.policyalerts.delivery;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.policyalerts.AppRunner;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The service on its own database against a {@link ScriptedSmtpServer}, with readers to send a digest to.
 * {@link #db} is the test's own connection, apart from the service's pool.
 */
final class ScriptedSend implements AutoCloseable {

    final ScriptedSmtpServer smtp = new ScriptedSmtpServer();
    final ConfigurableApplicationContext app;
    final JdbcClient db;
    final Http staff;

    ScriptedSend(String... settings) {
        String database = TestInfra.newDatabaseUrl();
        app = AppRunner.start(database, smtp.port(), settings);
        db = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database));
        staff = new Http(AppRunner.port(app));
    }

    /** Active immediate readers following everything on Iran, named {@code <prefix><i>@example.org}. */
    List<String> readers(String prefix, int count) {
        Fixtures fixtures = new Fixtures(db);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = prefix + i + "@example.org";
            fixtures.reader(email, "immediate", Instant.now().minusSeconds(3600), "*/iran");
            emails.add(email);
        }
        return emails;
    }

    /** Publishes a brief on Iran and starts an immediate run; returns the run's path. */
    String send() {
        staff.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
        return staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
    }

    Map<String, Object> run(String path) {
        return Json.object(staff.getApi(path).body());
    }

    Map<String, Object> awaitRun(String path, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(run(path).get("status")));
        return run(path);
    }

    /** Each delivery as staff see it in the table: email, kind, status, attempts. */
    List<Map<String, Object>> deliveries() {
        return db.sql("""
                        select s.email, d.kind, d.status, d.attempts, d.smtp_reply, d.last_error
                        from delivery d join subscriber s on s.id = d.subscriber_id order by d.id
                        """)
                .query().listOfRows();
    }

    int count(String where) {
        return db.sql("select count(*) from delivery where " + where).query(Integer.class).single();
    }

    @Override
    public void close() {
        app.close();
        smtp.close();
    }
}
