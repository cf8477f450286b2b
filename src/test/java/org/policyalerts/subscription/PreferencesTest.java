package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.MailParts;

/** The preference centre: ticks shown as made, changes saved with post/redirect/get, applied from the next run. */
class PreferencesTest extends IntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");

    @Test
    void signUpAndConfirmEachLeaveAConsentRecordUnderTheWordingShown() {
        Http browser = new Http(port);
        String form = browser.get("/subscribe").body();
        assertThat(form).contains("We will email you the alerts you choose", "name=\"consentVersion\" value=\"v1\"",
                "<option value=\"Asia/Riyadh\">Asia/Riyadh</option>", "Already signed up?");

        Http.Response posted = ReaderSteps.post(browser, "/subscribe", "/subscribe", "email", "reader@example.org",
                "topics", "energy-economics", "regions", "iran", "match", "all", "frequency", "daily",
                "zone", "Asia/Riyadh", "consentVersion", "v1");

        assertThat(posted.status()).isEqualTo(302);
        Map<String, Object> signUp = jdbc.sql("select * from consent").query().singleRow();
        assertThat(signUp).containsEntry("action", "sign-up").containsEntry("source", "form")
                .containsEntry("wording_version", "v1").containsEntry("client_ip", "127.0.0.1")
                .containsEntry("user_agent", ReaderSteps.USER_AGENT).containsEntry("confirmed_at", null);
        assertThat(signUp.get("choices").toString()).contains("\"zone\": \"Asia/Riyadh\"", "\"match\": \"all\"");

        Http confirmer = new Http(port);
        String confirm = MailParts.linkPath(awaitMail(1).get(0), "/confirm/");
        confirmer.postForm(confirm, "_csrf", confirmer.get(confirm).csrf());

        assertThat(jdbc.sql("select confirmed_at is not null from consent").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select status || ' ' || zone || ' ' || match_mode || ' ' || array_to_string(topics, ',') "
                + "|| ' ' || array_to_string(regions, ',') from subscriber").query(String.class).single())
                .isEqualTo("active Asia/Riyadh all energy-economics iran");
    }

    @Test
    void thePageShowsTheTicksAsMadeAndSavesAChangeKeepingUnchangedRows() {
        clock.set(T0);
        signUpAndConfirm("reader@example.org", "topics", "energy-economics", "topics", "us-policy", "regions", "iran",
                "match", "all");
        String page = "/preferences/" + steps().token("reader@example.org");
        Http browser = new Http(port);

        Http.Response shown = browser.get(page);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(shown.header("Cache-Control")).contains("no-store");
        assertThat(shown.body()).containsPattern(ticked("energy-economics")).containsPattern(ticked("us-policy"))
                .containsPattern(ticked("iran")).containsPattern(ticked("all")).doesNotContainPattern(ticked("iraq"));
        Instant kept = rowMade("energy-economics", "iran");

        clock.set(T0.plus(Duration.ofHours(1)));
        Http.Response saved = ReaderSteps.post(browser, page, page, "topics", "energy-economics", "regions", "iran",
                "regions", "iraq", "match", "all", "frequency", "weekly", "zone", "America/New_York",
                "language", "ar", "editions", "en", "editions", "fa");

        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith(page);
        // the reader chose Arabic for "our pages and emails": the page says so in Arabic from now on
        assertThat(browser.get(page).body()).contains("<html lang=\"ar\" dir=\"rtl\">", "حُفظت اختياراتك");
        assertThat(browser.get(page).body()).doesNotContain("حُفظت اختياراتك");
        assertThat(jdbc.sql("select frequency || ' ' || zone || ' ' || language || ' ' || array_to_string(editions, ',') "
                + "|| ' ' || array_to_string(regions, ',') from subscriber").query(String.class).single())
                .isEqualTo("weekly America/New_York ar en,fa iran,iraq");
        assertThat(rowMade("energy-economics", "iran")).isEqualTo(kept);
        assertThat(rowMade("energy-economics", "iraq")).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(jdbc.sql("select count(*) from subscription").query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select action || ' ' || source || ' ' || (confirmed_at is not null) from consent order by id")
                .query(String.class).list()).containsExactly("sign-up form true", "change preference-centre true");
    }

    @Test
    void badChoicesAre400AndChangeNothing() {
        long id = new Fixtures(jdbc).reader("reader@example.org", "daily", Instant.now(), "*/iran");
        String page = "/preferences/" + steps().token("reader@example.org");
        Http browser = new Http(port);

        Http.Response refused = ReaderSteps.post(browser, page, page, "frequency", "hourly", "match", "any",
                "zone", "Mars/Olympus", "language", "xx", "editions", "de");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Choose a time zone from the list.", "Choose a language from the list.");
        assertThat(jdbc.sql("select frequency from subscriber where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("daily");
        assertThat(browser.get("/preferences/" + "A".repeat(43)).status()).isEqualTo(404);
    }

    @Test
    void aChangeAppliesFromTheNextRun() throws Exception {
        clock.set(T0);
        new Fixtures(jdbc).reader("reader@example.org", "immediate", T0.minus(Duration.ofHours(1)), "*/iran");
        String page = "/preferences/" + steps().token("reader@example.org");
        clock.set(T0.plus(Duration.ofMinutes(1)));
        ReaderSteps.post(new Http(port), page, page, "regions", "egypt", "match", "any", "frequency", "immediate",
                "zone", "UTC", "language", "en", "editions", "en");

        clock.set(T0.plus(Duration.ofMinutes(2)));
        Http staff = new Http(port);
        staff.postApi("/api/briefs", Json.brief("iran", "A brief on Iran", List.of(), List.of("iran"), clock.instant()));
        staff.postApi("/api/briefs", Json.brief("egypt", "A brief on Egypt", List.of(), List.of("egypt"), clock.instant()));
        steps().runImmediate();

        MimeMessage digest = awaitMail(1).get(0);
        assertThat(digest.getSubject()).isEqualTo("A brief on Egypt");
        assertThat(MailParts.text(digest)).contains("Because you follow Egypt").doesNotContain("A brief on Iran");
    }

    @Test
    void aPausedReaderGetsNothingAndIsNotSentAfterwardsWhatWasPublishedMeanwhile() throws Exception {
        clock.set(T0);
        new Fixtures(jdbc).reader("reader@example.org", "immediate", T0.minus(Duration.ofHours(1)), "*/iran");
        String page = "/preferences/" + steps().token("reader@example.org");
        Http browser = new Http(port);
        Http.Response paused = ReaderSteps.post(browser, page, page + "/pause", "weeks", "1");
        assertThat(paused.status()).isEqualTo(302);
        assertThat(browser.get(page).body()).contains("Your alerts are paused.", "Resume my alerts");

        Http staff = new Http(port);
        clock.set(T0.plus(Duration.ofHours(1)));
        staff.postApi("/api/briefs", Json.brief("during", "Published during the pause", List.of(), List.of("iran"),
                clock.instant()));
        assertThat(steps().runImmediate()).containsEntry("matched", 0);

        clock.set(T0.plus(Duration.ofDays(8)));
        staff.postApi("/api/briefs", Json.brief("after", "Published after the pause", List.of(), List.of("iran"),
                clock.instant()));
        steps().runImmediate();

        assertThat(awaitMail(1).get(0).getSubject()).isEqualTo("Published after the pause");
        assertThat(jdbc.sql("select b.external_id from delivery_brief d join brief b on b.id = d.brief_id")
                .query(String.class).list()).containsExactly("after");
        assertThat(jdbc.sql("select action from consent").query(String.class).list()).containsExactly("pause");
    }

    @Test
    void pausingUntilResumedHoldsUntilTheReaderResumes() throws Exception {
        clock.set(T0);
        new Fixtures(jdbc).reader("reader@example.org", "immediate", T0.minus(Duration.ofHours(1)), "*/iran");
        String page = "/preferences/" + steps().token("reader@example.org");
        Http browser = new Http(port);
        ReaderSteps.post(browser, page, page + "/pause", "weeks", "0");
        assertThat(browser.get(page).body()).contains("Your alerts are paused until you resume them.");

        Http staff = new Http(port);
        clock.set(T0.plus(Duration.ofDays(400)));
        staff.postApi("/api/briefs", Json.brief("later", "A year later", List.of(), List.of("iran"), clock.instant()));
        assertThat(steps().runImmediate()).containsEntry("matched", 0);

        clock.set(T0.plus(Duration.ofDays(400)).plus(Duration.ofHours(1)));
        ReaderSteps.post(browser, page, page + "/resume");
        assertThat(browser.get(page).body()).contains("Your alerts are on again");
        assertThat(ReaderSteps.post(browser, page, page + "/pause", "weeks", "3").status()).isEqualTo(400);

        // resumed: the next brief reaches them, the one published while they were paused never does
        clock.set(T0.plus(Duration.ofDays(400)).plus(Duration.ofHours(2)));
        staff.postApi("/api/briefs", Json.brief("resumed", "After the resume", List.of(), List.of("iran"),
                clock.instant()));
        assertThat(steps().runImmediate()).containsEntry("matched", 1);
        assertThat(awaitMail(1).get(0).getSubject()).isEqualTo("After the resume");
        assertThat(jdbc.sql("select b.external_id from delivery_brief d join brief b on b.id = d.brief_id")
                .query(String.class).list()).containsExactly("resumed");
    }

    private void signUpAndConfirm(String email, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "email";
        all[1] = email;
        System.arraycopy(fields, 0, all, 2, fields.length);
        int before = mail().getReceivedMessages().length;
        ReaderSteps.post(new Http(port), "/subscribe", "/subscribe", all);
        Http confirmer = new Http(port);
        String confirm = MailParts.linkPath(awaitMailTo(email, before + 1), "/confirm/");
        confirmer.postForm(confirm, "_csrf", confirmer.get(confirm).csrf());
    }

    private static String ticked(String value) {
        return "value=\"" + value + "\"[^>]*checked=\"checked\"";
    }

    private Instant rowMade(String topic, String region) {
        return jdbc.sql("""
                        select s.created_at from subscription s join topic t on t.id = s.topic_id
                        join region r on r.id = s.region_id where t.slug = :t and r.slug = :r
                        """).param("t", topic).param("r", region).query(java.time.OffsetDateTime.class).single().toInstant();
    }

    private ReaderSteps steps() {
        return new ReaderSteps(port, jdbc);
    }
}
