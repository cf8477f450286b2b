package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;

/**
 * A form posted after its page expired (its session, and so its CSRF token, is gone): refused with a 403 and not
 * processed, but shown again with what the reader entered and a fresh token, so that one more click sends it.
 */
class ExpiredFormTest extends IntegrationTest {

    private static final String EXPIRED = "This page has expired";

    private String staleToken;

    @BeforeEach
    void aPageLeftOpenTooLong() {
        staleToken = new Http(port).get("/subscribe").csrf();
    }

    @Test
    void theSignUpFormComesBackFilledInAndOneClickSendsIt() {
        Http reader = new Http(port);

        Http.Response expired = reader.postForm("/subscribe", "_csrf", staleToken, "email", "reader@example.org",
                "topics", "energy-economics", "regions", "iran", "match", "all", "frequency", "weekly");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains(EXPIRED, "We kept your answers", "value=\"reader@example.org\"")
                .doesNotContain("try again in a few minutes")
                .containsPattern("value=\"energy-economics\"[^>]*checked")
                .containsPattern("value=\"iran\"[^>]*checked")
                .containsPattern("value=\"all\"[^>]*checked")
                .containsPattern("value=\"weekly\"[^>]*checked");
        assertThat(expired.csrf()).isNotEqualTo(staleToken);
        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isZero();

        Http.Response again = reader.postForm("/subscribe", "_csrf", expired.csrf(), "email", "reader@example.org",
                "topics", "energy-economics", "regions", "iran", "match", "all", "frequency", "weekly");

        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).endsWith("/subscribe/check-inbox");
        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isOne();
    }

    @Test
    void theConfirmPageComesBackAndOneClickConfirms() {
        Http signUp = new Http(port);
        signUp.postForm("/subscribe", "_csrf", signUp.get("/subscribe").csrf(), "email", "reader@example.org");
        String link = MailParts.linkPath(awaitMail(1).get(0), "/confirm/");
        String stale = new Http(port).get(link).csrf();
        Http reader = new Http(port);

        Http.Response expired = reader.postForm(link, "_csrf", stale);

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains(EXPIRED, "Press Confirm again", "reader@example.org")
                .doesNotContain("try again in a few minutes");
        assertThat(status()).isEqualTo("pending");

        Http.Response again = reader.postForm(link, "_csrf", expired.csrf());

        assertThat(again.status()).isEqualTo(302);
        assertThat(status()).isEqualTo("active");
    }

    @Test
    void aPostThatIsNotAFormGetsTheErrorPageSayingSo() {
        Http.Response expired = new Http(port).post("/subscribe", "text/plain", "email=reader@example.org",
                "Accept", "text/html");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains("This page has expired; reload it.").doesNotContain("try again in a few minutes");
        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isZero();
    }

    /** The manage form sits on /subscribe but posts to /manage, which has no page of its own to show again. */
    @Test
    void aFormPostedToAUrlWithoutAPageGetsTheErrorPageSayingItExpired() {
        Http.Response expired = asBrowser("/manage", "email=reader%40example.org");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains("This page has expired; reload it.").doesNotContain("not possible");
    }

    /** Pause and resume are buttons on the preference centre; their own URLs have no page, so nothing is paused. */
    @Test
    void aPauseOrResumeWithAnExpiredTokenGetsTheErrorPageAndChangesNothing() {
        new Fixtures(jdbc).reader("reader@example.org", "daily", Instant.parse("2026-03-04T12:00:00Z"), "*/iran");
        String page = "/preferences/" + jdbc.sql("select manage_token from subscriber").query(String.class).single();

        for (String button : new String[] {"/pause", "/resume"}) {
            Http.Response expired = asBrowser(page + button, "weeks=2");

            assertThat(expired.status()).isEqualTo(403);
            assertThat(expired.body()).contains("This page has expired; reload it.").doesNotContain("not possible");
        }
        assertThat(jdbc.sql("select count(*) from consent").query(Integer.class).single()).isZero();
        assertThat(status()).isEqualTo("active");
    }

    /** The preference centre's own form posts to its page, which is shown again, unsaved. */
    @Test
    void thePreferenceCentreComesBackWithItsPageSayingItExpired() {
        new Fixtures(jdbc).reader("reader@example.org", "daily", Instant.parse("2026-03-04T12:00:00Z"), "*/iran");
        String page = "/preferences/" + jdbc.sql("select manage_token from subscriber").query(String.class).single();

        Http.Response expired = new Http(port).postForm(page, "_csrf", staleToken, "frequency", "weekly");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains("reader@example.org", "action=\"" + page + "\"");
        assertThat(jdbc.sql("select frequency from subscriber").query(String.class).single()).isEqualTo("daily");
    }

    /** A browser's form post (it asks for HTML) with the stale token. */
    private Http.Response asBrowser(String path, String fields) {
        return new Http(port).post(path, "application/x-www-form-urlencoded",
                "_csrf=" + URLEncoder.encode(staleToken, StandardCharsets.UTF_8) + "&" + fields, "Accept", "text/html");
    }

    private String status() {
        return jdbc.sql("select status from subscriber").query(String.class).single();
    }
}
