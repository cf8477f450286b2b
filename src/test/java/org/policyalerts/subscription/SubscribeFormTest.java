package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;

/** The sign-up form and the confirmation link, as a browser uses them (session cookie and CSRF token). */
class SubscribeFormTest extends IntegrationTest {

    private Http browser;

    @BeforeEach
    void client() {
        browser = new Http(port);
    }

    static Stream<Arguments> badForms() {
        return Stream.of(
                Arguments.of("no address", List.of("email", ""), "Enter your email address."),
                Arguments.of("not an address", List.of("email", "reader.example.org"),
                        "Enter an email address like name@example.org."),
                Arguments.of("header injection", List.of("email", "a@example.org\r\nBcc: victim@example.org"),
                        "Enter an email address like name@example.org."),
                Arguments.of("display name", List.of("email", "Reader <a@example.org>"),
                        "Enter an email address like name@example.org."),
                Arguments.of("unknown topic", List.of("email", "a@example.org", "topics", "knitting"),
                        "We do not have these topics: knitting."),
                Arguments.of("unknown region", List.of("email", "a@example.org", "regions", "atlantis"),
                        "We do not have these regions: atlantis."),
                Arguments.of("unknown frequency", List.of("email", "a@example.org", "frequency", "hourly"),
                        "Choose how often you want to hear from us."),
                Arguments.of("unknown match mode", List.of("email", "a@example.org", "match", "some"),
                        "Choose how topics and regions combine."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badForms")
    void badInputIsShownNextToTheFieldAndNothingIsStored(String name, List<String> fields, String message) {
        Http.Response response = submit(fields);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("class=\"error\"", message);
        assertThat(count("subscriber")).isZero();
        assertThat(mail().getReceivedMessages()).isEmpty();
    }

    @Test
    void onlyAConsentWordingThatExistsIsRecorded() {
        for (String version : List.of("v9", "I agreed to everything")) {
            Http.Response response = submit(List.of("email", "a@example.org", "consentVersion", version));
            assertThat(response.status()).as(version).isEqualTo(400);
            assertThat(response.body()).contains("This form is out of date. Reload the page and sign up again.");
        }
        assertThat(count("consent")).isZero();

        assertThat(submit(List.of("email", "a@example.org", "consentVersion", "v1")).status()).isEqualTo(302);
        assertThat(jdbc.sql("select wording_version from consent").query(String.class).list()).containsExactly("v1");
    }

    @Test
    void whatTheReaderTypedComesBackEscaped() {
        Http.Response response = submit(List.of("email", "<script>alert(1)</script>", "topics", "<b>x</b>"));

        assertThat(response.body()).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>alert(1)").contains("&lt;b&gt;x&lt;/b&gt;");
    }

    @Test
    void tooManyChoicesAreRefused() {
        List<String> fields = new ArrayList<>(List.of("email", "a@example.org"));
        for (int i = 0; i < 101; i++) {
            fields.addAll(List.of("topics", "terrorism"));
        }
        assertThat(submit(fields).body()).contains("Choose fewer topics.");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        browser.get("/subscribe");
        Http.Response response = browser.postForm("/subscribe", "email", "a@example.org", "frequency", "daily");

        assertThat(response.status()).isEqualTo(403);
        assertThat(count("subscriber")).isZero();
    }

    @Test
    void articleLinksPreTickTheirTagsAndUnknownOnesAreIgnored() {
        Http.Response page = browser.get("/subscribe?topics=energy-economics&topics=bogus&regions=iran");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsPattern("value=\"energy-economics\"[^>]*checked")
                .containsPattern("value=\"iran\"[^>]*checked").doesNotContain("value=\"bogus\"");
    }

    @Test
    void everyAddressGetsTheSameAnswerWhateverItsState() throws Exception {
        signUpAndConfirm("active@example.org", "regions", "iran");
        submit(List.of("email", "pending@example.org"));
        awaitMail(2);
        signUpAndConfirm("left@example.org");
        jdbc.sql("update subscriber set status = 'unsubscribed' where email = 'left@example.org'").update();
        signUpAndConfirm("bounced@example.org");
        jdbc.sql("update subscriber set status = 'suppressed' where email = 'bounced@example.org'").update();
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        mail().purgeEmailFromAllMailboxes();

        List<String> answers = new ArrayList<>();
        for (String address : List.of("new@example.org", "active@example.org", "pending@example.org",
                "left@example.org", "bounced@example.org")) {
            Http.Response response = new SubscribeFormTest.Browser(port).submit(List.of("email", address));
            answers.add(response.status() + " " + response.header("Location") + " " + response.body());
        }
        assertThat(answers).as("the same answer for every state").containsOnly(answers.get(0));
        assertThat(answers.get(0)).startsWith("302 ").contains("/subscribe/check-inbox");
        assertThat(awaitMail(4)).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("new@example.org", "active@example.org", "pending@example.org",
                        "left@example.org");
        // the suppressed address took the same path: a confirmation and a delivery, withheld by the outbox
        assertThat(jdbc.sql("""
                        select d.status from delivery d join subscriber s on s.id = d.subscriber_id
                        where s.email = 'bounced@example.org' order by d.id desc limit 1
                        """).query(String.class).single()).isEqualTo("cancelled");
        assertThat(jdbc.sql("select count(*) from delivery_mail").query(Integer.class).single()).isZero();
    }

    @Test
    void newChoicesOfAnActiveReaderApplyOnlyOnceConfirmed() throws Exception {
        signUpAndConfirm("reader@example.org", "regions", "iran", "frequency", "daily");
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        mail().purgeEmailFromAllMailboxes();

        submit(List.of("email", "reader@example.org", "regions", "iraq", "frequency", "weekly"));
        assertThat(follows()).containsExactly("*/iran");

        confirm(awaitMail(1).get(0));
        assertThat(follows()).containsExactly("*/iraq");
        assertThat(jdbc.sql("select frequency from subscriber").query(String.class).single()).isEqualTo("weekly");
    }

    @Test
    void aSecondSignUpWithinAMinuteUpdatesThePendingChoicesInsteadOfMailingAgain() {
        submit(List.of("email", "reader@example.org", "regions", "iran"));
        submit(List.of("email", "reader@example.org", "regions", "iraq"));
        MimeMessage only = awaitMail(1).get(0);

        confirm(only);
        assertThat(follows()).containsExactly("*/iraq");
    }

    @Test
    void nobodyCanFloodAnInboxThroughTheForm() {
        // Across midnight UTC the abuse guard's day window lets 3 + 3 posts through; this cap still stops at 5.
        clock.set(java.time.Instant.parse("2026-11-28T23:53:00Z"));
        for (int i = 0; i < 8; i++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(2)));
            submit(List.of("email", "victim@example.org"));
        }
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single())
                .as("the cap counts mails queued, not only those already sent").isEqualTo(5);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from delivery where status = 'sent'").query(Integer.class).single() == 5);
        assertThat(mail().getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString())
                .filteredOn("victim@example.org"::equals).hasSize(5);
    }

    @Test
    void theConfirmationLinkShowsAButtonAndOnlyItsPostConfirms() {
        submit(List.of("email", "reader@example.org", "topics", "energy-economics", "regions", "iran", "match", "all"));
        String link = MailParts.linkPath(awaitMail(1).get(0), "/confirm/");

        Http.Response page = browser.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Energy and Economics in Iran", "<button type=\"submit\">Confirm</button>");
        assertThat(status()).isEqualTo("pending");

        Http.Response confirmed = browser.postForm(link, "_csrf", page.csrf());
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(confirmed.header("Location")).endsWith("/confirmed");
        assertThat(browser.get("/confirmed").body()).contains("reader@example.org will receive alerts on: Energy and Economics in Iran");
        assertThat(status()).isEqualTo("active");

        Http.Response again = browser.postForm(link, "_csrf", page.csrf());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("This link was already used");
    }

    @Test
    void expiredAndUnknownLinksSaySo() {
        submit(List.of("email", "reader@example.org"));
        String link = MailParts.linkPath(awaitMail(1).get(0), "/confirm/");

        clock.set(clock.instant().plus(Duration.ofDays(8)));
        Http.Response expired = browser.get(link);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This confirmation link has expired");
        assertThat(browser.postForm(link, "_csrf", browser.get("/subscribe").csrf()).status()).isEqualTo(410);
        assertThat(status()).isEqualTo("pending");

        assertThat(browser.get("/confirm/" + "A".repeat(43)).status()).isEqualTo(404);
        assertThat(browser.get("/confirm/not-a-token").body()).contains("This link does not work");
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        submit(List.of("email", "reader@example.org"));
        String token = MailParts.linkPath(awaitMail(1).get(0), "/confirm/").substring("/confirm/".length());

        assertThat(token).hasSize(43);
        assertThat(jdbc.sql("select count(*) from confirmation where encode(token_hash, 'escape') like :t")
                .param("t", "%" + token + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select octet_length(token_hash) from confirmation").query(Integer.class).single()).isEqualTo(32);
    }

    private void signUpAndConfirm(String email, String... fields) {
        List<String> all = new ArrayList<>(List.of("email", email));
        all.addAll(List.of(fields));
        int before = mail().getReceivedMessages().length;
        new Browser(port).submit(all);
        confirm(awaitMailTo(email, before + 1));
    }

    private void confirm(MimeMessage confirmation) {
        Http confirmer = new Http(port);
        String link = MailParts.linkPath(confirmation, "/confirm/");
        assertThat(confirmer.postForm(link, "_csrf", confirmer.get(link).csrf()).status()).isEqualTo(302);
    }

    private Http.Response submit(List<String> fields) {
        return new Browser(browser).submit(fields);
    }

    private List<String> follows() {
        return jdbc.sql("""
                        select coalesce(t.slug, '*') || '/' || coalesce(r.slug, '*') from subscription s
                        left join topic t on t.id = s.topic_id left join region r on r.id = s.region_id order by 1
                        """).query(String.class).list();
    }

    private String status() {
        return jdbc.sql("select status from subscriber").query(String.class).single();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    /** Loads the form (for its session and CSRF token), then posts the given fields as a browser would. */
    record Browser(Http http) {
        Browser(int port) {
            this(new Http(port));
        }

        Http.Response submit(List<String> fields) {
            List<String> all = new ArrayList<>(List.of("_csrf", http.get("/subscribe").csrf(), "frequency", "daily", "match", "any"));
            for (int i = 0; i < fields.size(); i += 2) {
                if (List.of("frequency", "match").contains(fields.get(i))) {
                    all.set(all.indexOf(fields.get(i)) + 1, fields.get(i + 1));
                } else {
                    all.addAll(List.of(fields.get(i), fields.get(i + 1)));
                }
            }
            return http.postForm("/subscribe", all.toArray(String[]::new));
        }
    }
}
