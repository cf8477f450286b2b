package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.policyalerts.subscription.Frequency;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Editions (docs/matching.md): a reader gets the briefs in the languages they take, and one item per original brief
 * however many of its language versions they take, with a link to each other version. Planned by real runs and read
 * back from the mails.
 */
class EditionsTest extends IntegrationTest {

    @Autowired
    Briefs briefs;

    @Autowired
    SendRuns runs;

    @Test
    void aReaderOfTheEnglishEditionDoesNotGetAnArabicBrief() throws Exception {
        long english = reader("en@example.org", "en", "{en}");
        long both = reader("both@example.org", "en", "{en,ar}");
        publish("gas", "en", "Gas in the Gulf", null, clock.instant());
        publish("oil-ar", "ar", "النفط والعقوبات", null, clock.instant());

        plan();

        assertThat(carried(english)).containsExactly("gas");
        assertThat(carried(both)).containsExactlyInAnyOrder("gas", "oil-ar");
        MimeMessage mail = awaitMailTo("en@example.org", 2);
        assertThat(mail.getSubject()).isEqualTo("Gas in the Gulf");
        assertThat(MailParts.text(mail)).doesNotContain("النفط");
        assertThat(MailParts.text(awaitMailTo("both@example.org", 2))).contains("Gas in the Gulf", "النفط والعقوبات");
    }

    @Test
    void aReaderOfTwoEditionsGetsOneItemInTheirLanguageWithALinkToTheOtherVersion() throws Exception {
        long english = reader("en@example.org", "en", "{en,ar}");
        long arabic = reader("ar@example.org", "ar", "{ar,en,fa}");
        publish("oil", "en", "Oil and sanctions", null, clock.instant());
        publish("oil-ar", "ar", "النفط والعقوبات", "oil", clock.instant());

        plan();

        assertThat(carried(english)).containsExactly("oil");
        assertThat(carried(arabic)).containsExactly("oil-ar");
        MimeMessage toEnglish = awaitMailTo("en@example.org", 2);
        assertThat(toEnglish.getSubject()).isEqualTo("Oil and sanctions");
        String text = MailParts.text(toEnglish);
        assertThat(text).contains("Oil and sanctions", "Also in: العربية https://example.org/oil-ar")
                .doesNotContain("النفط والعقوبات");
        assertThat(MailParts.html(toEnglish)).contains("href=\"https://example.org/oil-ar\"", "hreflang=\"ar\"", "العربية");
        // the Arabic reader gets the Arabic version as the item, and the English one as the link
        MimeMessage toArabic = awaitMailTo("ar@example.org", 2);
        assertThat(toArabic.getSubject()).isEqualTo("النفط والعقوبات");
        assertThat(MailParts.html(toArabic)).contains("href=\"https://example.org/oil-ar\"",
                "href=\"https://example.org/oil\"", "hreflang=\"en\"").doesNotContain("Oil and sanctions");
    }

    @Test
    void aTranslationPublishedAfterTheOriginalWasMailedIsNotMailedAgain() throws Exception {
        long reader = reader("r@example.org", "ar", "{en,ar}");
        publish("oil", "en", "Oil and sanctions", null, clock.instant());
        plan();
        assertThat(MailParts.text(awaitMailTo("r@example.org", 1))).contains("Oil and sanctions")
                .doesNotContain("Also in");

        clock.advance(Duration.ofMinutes(5));
        publish("oil-ar", "ar", "النفط والعقوبات", "oil", clock.instant());
        plan();

        assertThat(carried(reader)).containsExactly("oil");
        assertThat(deliveries(reader)).isEqualTo(1);
        // a later brief is mailed, and its digest alone: the translation does not ride along
        publish("gas", "en", "Gas in the Gulf", null, clock.instant());
        plan();
        MimeMessage second = awaitMailTo("r@example.org", 2);
        assertThat(second.getSubject()).isEqualTo("Gas in the Gulf");
        assertThat(MailParts.text(second)).doesNotContain("النفط");
    }

    @Test
    void anOriginalPublishedAfterItsTranslationWasMailedIsNotMailedAgain() throws Exception {
        long reader = reader("r@example.org", "en", "{en,ar}");
        Instant later = clock.instant().plus(Duration.ofHours(1));
        publish("oil", "en", "Oil and sanctions", null, later);
        publish("oil-ar", "ar", "النفط والعقوبات", "oil", clock.instant());
        plan();
        String first = MailParts.text(awaitMailTo("r@example.org", 1));
        // the English version is not out yet, so the Arabic one is the item and there is nothing to link to
        assertThat(first).contains("النفط والعقوبات").doesNotContain("Also in");

        clock.set(later.plus(Duration.ofMinutes(1)));
        plan();

        assertThat(carried(reader)).containsExactly("oil-ar");
        assertThat(deliveries(reader)).isEqualTo(1);
        assertThat(jdbc.sql("select original_id from delivery_brief").query(Long.class).single())
                .as("the ledger row names the original, which is what the never-twice key is on")
                .isEqualTo(jdbc.sql("select id from brief where external_id = 'oil'").query(Long.class).single());
    }

    private long reader(String email, String language, String editions) {
        long id = new Fixtures(jdbc).reader(email, "immediate", clock.instant().minus(Duration.ofDays(1)), "*/iran");
        jdbc.sql("update subscriber set language = :language, editions = cast(:editions as text[]) where id = :id")
                .param("language", language).param("editions", editions).param("id", id).update();
        return id;
    }

    private void publish(String id, String language, String title, String translationOf, Instant publishedAt) {
        briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", title, null, List.of(),
                publishedAt, language, List.of(), List.of("iran"), null, null, translationOf));
        clock.advance(Duration.ofSeconds(1));
    }

    private void plan() {
        runs.request(Frequency.IMMEDIATE, RunTrigger.API, null);
        runs.planPending();
    }

    private List<String> carried(long reader) {
        return jdbc.sql("""
                        select b.external_id from delivery_brief d join brief b on b.id = d.brief_id
                        where d.subscriber_id = :id order by b.external_id
                        """)
                .param("id", reader).query(String.class).list();
    }

    private int deliveries(long reader) {
        return jdbc.sql("select count(*) from delivery where subscriber_id = :id").param("id", reader)
                .query(Integer.class).single();
    }
}
