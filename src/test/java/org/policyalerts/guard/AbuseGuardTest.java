package org.policyalerts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;

/** The limits on the sign-up form, its honeypot and the headers of token pages, in the shared context. */
class AbuseGuardTest extends IntegrationTest {

    private Forms form;

    @BeforeEach
    void browser() {
        form = new Forms(port);
    }

    @Test
    void theEleventhPostFromOneClientInAMinuteIsRefusedUntilTheNextMinute() {
        clock.set(Instant.parse("2026-11-28T10:00:05Z"));
        for (int i = 0; i < 10; i++) {
            assertThat(form.signUp("reader" + i + "@example.org", "203.0.113.7").status()).as("post %d", i + 1)
                    .isEqualTo(302);
        }

        Http.Response eleventh = form.signUp("reader10@example.org", "203.0.113.7");
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isEqualTo("55");
        assertThat(eleventh.body()).contains("Please wait a little",
                "We received this form from your connection many times in a short while",
                "You can try again in a minute.");
        assertThat(form.signUp("reader10@example.org", "203.0.113.8").status()).as("another client").isEqualTo(302);
        assertThat(subscribers("reader10@example.org")).as("the refused post stored nothing").isEqualTo(1);

        clock.set(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(form.signUp("reader11@example.org", "203.0.113.7").status()).isEqualTo(302);
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        clock.set(Instant.parse("2026-11-28T10:00:00Z"));
        for (int i = 0; i < 10; i++) {
            assertThat(form.signUp("reader" + i + "@example.org", "2001:db8:1:2::" + (i + 1)).status()).isEqualTo(302);
        }
        assertThat(form.signUp("reader10@example.org", "2001:db8:1:2:ffff::1").status()).isEqualTo(429);
        assertThat(form.signUp("reader10@example.org", "2001:db8:1:3::1").status()).isEqualTo(302);
    }

    @Test
    void tagAndCaseVariantsOfAnAddressAreOneMailbox() {
        clock.set(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(form.signUp("Jane+a@example.org", "203.0.113.1").status()).isEqualTo(302);
        assertThat(form.signUp("JANE@example.org", "203.0.113.2").status()).isEqualTo(302);
        assertThat(form.signUp("jane+news@EXAMPLE.org", "203.0.113.3").status()).isEqualTo(302);

        Http.Response fourth = form.signUp("jane@example.org", "203.0.113.4");

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Retry-After")).as("until midnight UTC").isEqualTo("50400");
        assertThat(fourth.header("Content-Type")).startsWith("text/html");
        assertThat(fourth.body()).contains("lang=\"en\"", "dir=\"ltr\"", "Policy Alerts", "<h1>Please wait a little</h1>",
                "This address was entered here several times already, so we did not send another email.",
                "You can try again in 14 hours.", "href=\"/subscribe\"")
                .doesNotContain("jane@example.org");
        assertThat(form.signUp("jane.doe@example.org", "203.0.113.4").status()).as("another mailbox").isEqualTo(302);
        assertThat(jdbc.sql("""
                        select count(*) from guard_counter
                        where position(convert_to('jane', 'UTF8') in key) > 0 or octet_length(key) <> 32
                        """).query(Integer.class).single()).as("only hashes are stored").isZero();
    }

    @Test
    void endedWindowsAreDeletedAtMostOnceAMinuteAsNewPostsAreCounted() {
        // counters of its own: when the shared one purges next depends on the clocks of the tests before this one
        Counters counters = new Counters(jdbc);
        Duration window = Duration.ofSeconds(10);
        Instant start = Instant.parse("2026-11-28T10:00:00Z");
        counters.count(Limit.IP, "203.0.113.7", window, start);
        counters.count(Limit.IP, "203.0.113.7", window, start.plusSeconds(30));
        assertThat(windowStarts()).as("the first window has ended, but the last purge was under a minute ago")
                .containsExactly(start, start.plusSeconds(30));

        counters.count(Limit.IP, "203.0.113.7", window, start.plusSeconds(60));

        assertThat(windowStarts()).containsExactly(start.plusSeconds(60));
    }

    private List<Instant> windowStarts() {
        return jdbc.sql("select window_start from guard_counter order by window_start")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
    }

    @Test
    void aFilledHoneypotGetsTheAnswerOfARealSignUpButNothingIsStoredOrSent() throws Exception {
        Http.Response bot = form.signUp("bot@example.org", "203.0.113.9", "website", "http://spam.example");

        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from guard_counter").query(Integer.class).single()).isZero();

        Http.Response human = form.signUp("human@example.org", "203.0.113.9", "website", "");
        assertThat(bot.status()).isEqualTo(human.status()).isEqualTo(302);
        assertThat(bot.header("Location")).isEqualTo(human.header("Location")).endsWith("/subscribe/check-inbox");
        assertThat(bot.body()).isEqualTo(human.body());
        assertThat(awaitMail(1).get(0).getAllRecipients()[0].toString()).isEqualTo("human@example.org");
    }

    @Test
    void theSignUpFormCarriesTheHoneypotHiddenFromPeople() {
        assertThat(new Http(port).get("/subscribe").body()).containsPattern(
                "<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">[^<]+</label>"
                        + "<input id=\"website\" name=\"website\" type=\"text\" value=\"\" tabindex=\"-1\" autocomplete=\"off\">");
    }

    @Test
    void tokenPagesSendNoReferrerAndAreNotStored() {
        Http http = new Http(port);
        for (String page : new String[] {"/confirm/not-a-token", "/unsubscribe/not-a-token", "/preferences/not-a-token",
                "/digest/not-a-token"}) {
            Http.Response response = http.get(page, "Accept", "text/html");
            assertThat(response.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).as(page).isEqualTo("no-store");
        }
        assertThat(http.get("/subscribe").header("Referrer-Policy")).as("other pages keep the site's policy")
                .isEqualTo("strict-origin-when-cross-origin");
    }

    private int subscribers(String email) {
        return jdbc.sql("select count(*) from subscriber where email = :e").param("e", email).query(Integer.class).single();
    }
}
