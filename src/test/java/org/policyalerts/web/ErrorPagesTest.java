package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;

/** Wrong addresses and methods get a plain page (or a problem document under /api), never a 500. */
class ErrorPagesTest extends IntegrationTest {

    @Test
    void readersGetAPageThatSaysWhatHappened() {
        Http http = new Http(port);

        Http.Response missing = http.get("/no-such-page", "Accept", "text/html");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("We could not find that page.", "Policy Alerts");

        String csrf = java.net.URLEncoder.encode(http.get("/subscribe").csrf(), java.nio.charset.StandardCharsets.UTF_8);
        Http.Response wrongMethod = http.post("/subscribe/check-inbox", "application/x-www-form-urlencoded",
                "_csrf=" + csrf, "Accept", "text/html");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("That action is not possible here.");

        Http.Response api = http.get("/api/no-such-thing", "Authorization", "Bearer " + TOKEN, "Accept", "application/json");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    /** Only our own failures (5xx) may be called temporary; a client error would fail again the same way. */
    @Test
    void noClientErrorPageSaysTryAgainLater() {
        Http http = new Http(port);
        String csrf = http.get("/subscribe").csrf();

        Http.Response notFound = http.get("/no-such-page", "Accept", "text/html");
        Http.Response expired = http.post("/subscribe", "text/plain", "hello", "Accept", "text/html");
        Http.Response tooLarge = http.post("/subscribe", "application/x-www-form-urlencoded",
                "_csrf=" + java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8) + "&email="
                        + "a".repeat(3_000_000), "Accept", "text/html");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains("This page has expired; reload it.");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("What you sent is too large for us to accept.");
        for (Http.Response page : new Http.Response[] {notFound, expired, tooLarge}) {
            assertThat(page.body()).contains("Something went wrong").doesNotContain("try again", "Try again");
        }
    }

    @Test
    void aBrowserAskingForAnotherLanguageStillGetsAWholePageInOne() {
        Http.Response page = new Http(port).get("/subscribe", "Accept-Language", "fr-FR,fr;q=0.9");

        assertThat(page.body()).contains("lang=\"en\"", "dir=\"ltr\"", "Sign up for email alerts");
    }
}
