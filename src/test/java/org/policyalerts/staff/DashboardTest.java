package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.springframework.web.util.HtmlUtils;

/** The dashboard's figures come from the database: readers, outbox, charts. */
class DashboardTest extends IntegrationTest {

    /** The queued mail is due later, so that the shared context's senders leave it alone. */
    @Test
    void theDashboardCountsReadersTheOutboxAndDrawsTheCharts() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Instant now = clock.instant();
        for (int i = 0; i < 3; i++) {
            long id = jdbc.sql("""
                    insert into subscriber (email, status, frequency, manage_token, created_at)
                    values (:email, :status, 'daily', :token, :at) returning id""")
                    .param("email", "r" + i + "@example.org").param("status", i == 2 ? "pending" : "active")
                    .param("token", "t" + i).param("at", java.sql.Timestamp.from(now.minus(i, ChronoUnit.DAYS)))
                    .query(Long.class).single();
            jdbc.sql("insert into subscription (subscriber_id, topic_id, region_id, created_at) "
                    + "values (:id, (select min(id) from topic), null, now())").param("id", id).update();
            jdbc.sql("""
                    insert into delivery (subscriber_id, kind, status, next_attempt_at, message_id, created_at, sent_at)
                    values (:id, 'transactional', :status, :due, :mid, now(), :sent)""")
                    .param("id", id).param("status", i == 0 ? "queued" : "sent")
                    .param("due", java.sql.Timestamp.from(now.plus(2, ChronoUnit.HOURS))).param("mid", "m" + i)
                    .param("sent", i == 0 ? null : java.sql.Timestamp.from(now)).update();
        }
        Http editor = StaffFixture.signIn(port, "ed@example.org");
        String page = editor.get("/admin").body();
        assertThat(page).containsPattern("Active</th>\\s*<td class=\"number\">2<")
                .containsPattern("Pending</th>\\s*<td class=\"number\">1<")
                .contains("id=\"outbox-queued\">1<", "id=\"outbox-oldest\">none due<")
                .contains("Sign-ups per day", "Sign-ups per day from", "3 in all", "Mails sent per day", "2 in all")
                .contains("<title id=\"signups-title\">", "<desc id=\"sends-desc\">", "<rect class=\"bar\"");
        String topic = jdbc.sql("select name from topic order by id limit 1").query(String.class).single();
        assertThat(page).containsPattern(Pattern.quote(HtmlUtils.htmlEscape(topic)) + "</th>\\s*<td class=\"number\">2<");
    }

}
