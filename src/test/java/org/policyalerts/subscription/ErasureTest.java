package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.MailParts;
import org.springframework.beans.factory.annotation.Autowired;

/** A reader downloads what we keep about them, and erases it; an erased address cannot be added back silently. */
@SuppressWarnings("unchecked")
class ErasureTest extends IntegrationTest {

    @Autowired
    ReaderErasure erasure;

    @Test
    void theExportHoldsEverythingAboutTheReaderAndNobodyElse() throws Exception {
        signUpAndConfirm("reader@example.org");
        new Fixtures(jdbc).reader("other@example.org", "immediate", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        new Http(port).postApi("/api/briefs", Json.brief("b1", "On Iran", List.of(), List.of("iran"), clock.instant()));
        new ReaderSteps(port, jdbc).runImmediate();
        awaitMail(3);
        long reader = jdbc.sql("select id from subscriber where email = 'reader@example.org'").query(Long.class).single();
        jdbc.sql("insert into subscriber_import (subscriber_id, consent_source, proof_of_consent, imported_by, imported_at) "
                + "values (:id, 'event sheet', true, 'ada', now())").param("id", reader).update();
        jdbc.sql("insert into bounce_event (report_id, subscriber_id, kind, status, detail, received_at) "
                + "values ('r1', :id, 'soft-bounce', '4.2.2', 'mailbox full', now())").param("id", reader).update();

        Http.Response export = new Http(port).get("/preferences/" + new ReaderSteps(port, jdbc).token("reader@example.org")
                + "/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/json");
        assertThat(export.header("Content-Disposition")).contains("attachment");
        assertThat(export.header("Cache-Control")).contains("no-store");
        assertThat(export.body()).doesNotContain("other@example.org").doesNotContain("manage_token");
        Map<String, Object> data = Json.object(export.body());
        assertThat((Map<String, Object>) data.get("reader")).containsEntry("email", "reader@example.org")
                .containsEntry("status", "active").containsEntry("zone", "UTC");
        assertThat((List<Map<String, Object>>) data.get("follows")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("region", "iran").containsEntry("topic", null));
        assertThat((List<Map<String, Object>>) data.get("consents")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("wording_version", "v1").containsEntry("source", "form")
                        .containsKey("confirmed_at").containsEntry("user_agent", ReaderSteps.USER_AGENT));
        assertThat((List<Map<String, Object>>) data.get("imports")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("consent_source", "event sheet")
                        .containsEntry("imported_by", "ada").doesNotContainKey("subscriber_id"));
        assertThat((List<Map<String, Object>>) data.get("bounces")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("kind", "soft-bounce").containsEntry("detail", "mailbox full"));
        List<Map<String, Object>> deliveries = (List<Map<String, Object>>) data.get("deliveries");
        assertThat(deliveries).extracting(d -> d.get("kind")).containsExactly("transactional", "digest");
        assertThat(deliveries.get(1)).containsEntry("briefs", List.of("https://example.org/briefs/b1"))
                .containsKey("sent_at");
    }

    @Test
    void erasureDeletesThePersonalDataAndKeepsOnlyAHashThatBlocksReAdding() throws Exception {
        signUpAndConfirm("Reader@Example.org");
        String page = "/preferences/" + new ReaderSteps(port, jdbc).token("reader@example.org");
        Http browser = new Http(port);
        assertThat(browser.get(page + "/erase").body()).contains("Erase everything about me</button>");

        Http.Response erased = ReaderSteps.post(browser, page + "/erase", page + "/erase");

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.body()).contains("We have deleted your address");
        for (String table : List.of("subscriber", "subscription", "confirmation", "consent", "delivery", "delivery_mail")) {
            assertThat(jdbc.sql("select count(*) from " + table).query(Integer.class).single()).as(table).isZero();
        }
        byte[] hash = jdbc.sql("select address_hash from suppression").query(byte[].class).single();
        assertThat(hash).hasSize(32).isEqualTo(erasure.hash("reader@example.org"));
        assertThat(erasure.erased(List.of(" READER@example.org"))).isNotEmpty();
        assertThat(erasure.erased(List.of("someone@example.org"))).isEmpty();
        assertThat(browser.get(page).status()).isEqualTo(404);

        // the person themself may come back, but only by confirming from their mailbox
        int mails = signUp("reader@example.org");
        assertThat(erasure.erased(List.of("reader@example.org"))).isNotEmpty();
        assertThat(jdbc.sql("select status from subscriber").query(String.class).single()).isEqualTo("pending");
        confirm(mails);
        assertThat(erasure.erased(List.of("reader@example.org"))).isEmpty();
        assertThat(jdbc.sql("select status from subscriber").query(String.class).single()).isEqualTo("active");
    }

    @Test
    void staffCanEraseByIdToo() {
        long id = new Fixtures(jdbc).reader("reader@example.org", "daily", clock.instant(), "*/iran");
        assertThat(erasure.erase(id)).isTrue();
        assertThat(erasure.erase(id)).isFalse();
        assertThat(erasure.erased(List.of("reader@example.org"))).isNotEmpty();
    }

    private void signUpAndConfirm(String email) {
        confirm(signUp(email));
    }

    private int signUp(String email) {
        int before = mail().getReceivedMessages().length;
        ReaderSteps.post(new Http(port), "/subscribe", "/subscribe", "email", email, "regions", "iran",
                "frequency", "immediate", "consentVersion", "v1");
        return before;
    }

    private void confirm(int mailsBefore) {
        Http confirmer = new Http(port);
        String confirm = MailParts.linkPath(awaitMail(mailsBefore + 1).get(mailsBefore), "/confirm/");
        confirmer.postForm(confirm, "_csrf", confirmer.get(confirm).csrf());
    }
}
