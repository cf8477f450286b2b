package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.MailParts;

/** The unsubscribe link: GET asks, POST acts at once (RFC 8058 one-click from mail clients included). */
class UnsubscribeTest extends IntegrationTest {

    private long reader;
    private String link;

    @BeforeEach
    void reader() {
        reader = new Fixtures(jdbc).reader("reader@example.org", "immediate", clock.instant().minus(Duration.ofHours(1)), "*/*");
        link = "/unsubscribe/" + jdbc.sql("select manage_token from subscriber where id = :id").param("id", reader)
                .query(String.class).single();
    }

    @Test
    void theLinkAsksFirstAndChangesNothing() {
        Http.Response page = new Http(port).get(link);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Stop all email alerts to reader@example.org?", "<button type=\"submit\">Unsubscribe</button>");
        assertThat(status()).isEqualTo("active");
    }

    @Test
    void oneClickPostFromAMailClientUnsubscribesAtOnce() {
        Http.Response response = new Http(port).post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Set-Cookie")).isNull();
        assertThat(response.body()).contains("reader@example.org will not receive any more alerts");
        assertThat(status()).isEqualTo("unsubscribed");
    }

    @Test
    void aMultipartOneClickBodyWorksToo() {
        String boundary = "----oneclick";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
                + boundary + "--\r\n";

        Http.Response response = new Http(port).post(link, "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(status()).isEqualTo("unsubscribed");
    }

    @Test
    void unsubscribingTwiceIsHarmless() {
        Http mailClient = new Http(port);
        mailClient.post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(mailClient.post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").status())
                .isEqualTo(200);
        assertThat(mailClient.get(link).body()).contains("reader@example.org is already unsubscribed");
    }

    @Test
    void unknownLinksAre404AndTouchNobody() {
        Http http = new Http(port);
        for (String path : List.of("/unsubscribe/" + "A".repeat(43), "/unsubscribe/x'%20or%201=1--", "/unsubscribe/%2e%2e")) {
            assertThat(http.get(path).status()).as(path).isIn(400, 404);
            assertThat(http.post(path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").status())
                    .as(path).isIn(400, 404);
        }
        assertThat(status()).isEqualTo("active");
    }

    @Test
    void aDigestStillQueuedForAReaderWhoLeftIsCancelledNotSent() {
        jdbc.sql("insert into send_run (frequency, trigger, cutoff, planned_at, created_at) values ('immediate', 'api', now(), now(), now())").update();
        jdbc.sql("update subscriber set status = 'unsubscribed' where id = :id").param("id", reader).update();
        jdbc.sql("insert into delivery (run_id, subscriber_id, next_attempt_at, message_id, created_at) values (1, :id, now(), 'm1', now())")
                .param("id", reader).update();

        org.awaitility.Awaitility.await().until(() -> "cancelled".equals(
                jdbc.sql("select status from delivery").query(String.class).single()));
        assertThat(mail().getReceivedMessages()).isEmpty();
    }

    @Test
    void oneClickCancelsAManageLinkMailStillQueuedAndLeavesAConsentRecord() {
        // due in an hour, so no sender takes it before the click
        long queued = jdbc.sql("""
                        insert into delivery (kind, subscriber_id, next_attempt_at, message_id, created_at)
                        values ('transactional', :id, now() + interval '1 hour', 'manage-1', now()) returning id
                        """)
                .param("id", reader).query(Long.class).single();
        jdbc.sql("insert into delivery_mail (delivery_id, recipient, subject, html, text) "
                        + "values (:d, 'reader@example.org', 'Manage your alerts', '<p>link</p>', 'link')")
                .param("d", queued).update();

        new Http(port).post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(jdbc.sql("select status from delivery where id = :id").param("id", queued).query(String.class)
                .single()).isEqualTo("cancelled");
        assertThat(jdbc.sql("select action || '/' || source from consent where subscriber_id = :id")
                .param("id", reader).query(String.class).list()).containsExactly("unsubscribe/mail-link");
    }

    @Test
    void aReaderWhoComesBackIsNotSentWhatWasPublishedWhileAway() {
        Http staff = new Http(port);
        new Http(port).post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        staff.postApi("/api/briefs", Json.brief("while-away", "Published while away", List.of(), List.of("iran"),
                clock.instant()));

        clock.set(clock.instant().plusSeconds(60));
        new SubscribeFormTest.Browser(port).submit(List.of("email", "reader@example.org", "frequency", "immediate"));
        Http confirmer = new Http(port);
        String confirm = MailParts.linkPath(awaitMail(1).get(0), "/confirm/");
        confirmer.postForm(confirm, "_csrf", confirmer.get(confirm).csrf());
        clock.set(clock.instant().plusSeconds(60));
        staff.postApi("/api/briefs", Json.brief("after", "Published after coming back", List.of(), List.of("iran"),
                clock.instant()));

        String run = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
        org.awaitility.Awaitility.await().until(() -> Json.object(staff.getApi(run).body()).get("status").equals("done"));
        assertThat(status()).isEqualTo("active");
        assertThat(jdbc.sql("select b.external_id from delivery_brief d join brief b on b.id = d.brief_id")
                .query(String.class).list()).containsExactly("after");
    }

    private String status() {
        return jdbc.sql("select status from subscriber where id = :id").param("id", reader).query(String.class).single();
    }
}
