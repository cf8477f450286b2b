package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    private String status() {
        return jdbc.sql("select status from subscriber").query(String.class).single();
    }
}
