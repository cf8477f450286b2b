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
        assertThat(api.header("Content-Type")).contains("json");
    }

    @Test
    void aBrowserAskingForAnotherLanguageStillGetsAWholePageInOne() {
        Http.Response page = new Http(port).get("/subscribe", "Accept-Language", "fr-FR,fr;q=0.9");

        assertThat(page.body()).contains("lang=\"en\"", "dir=\"ltr\"", "Sign up for email alerts");
    }
}
