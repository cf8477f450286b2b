package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;

/** "Manage my alerts": the same answer for everyone, a link only to subscribed addresses, at most 3 a day. */
class ManageLinkTest extends IntegrationTest {

    @Test
    void answersAlikeAndMailsOnlyASubscribedAddress() throws Exception {
        new Fixtures(jdbc).reader("reader@example.org", "daily", clock.instant().minus(Duration.ofDays(1)), "*/iran");
        String token = new ReaderSteps(port, jdbc).token("reader@example.org");

        Http.Response subscribed = ask("Reader@Example.org");
        Http.Response stranger = ask("nobody@example.org");

        assertThat(List.of(subscribed.status(), stranger.status())).containsExactly(302, 302);
        assertThat(subscribed.header("Location")).isEqualTo(stranger.header("Location")).endsWith("/manage/check-inbox");
        assertThat(subscribed.body()).isEqualTo(stranger.body());
        assertThat(new Http(port).get("/manage/check-inbox").body()).contains("If this address receives our alerts");

        MimeMessage mail = awaitMail(1).get(0);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("reader@example.org");
        assertThat(mail.getSubject()).isEqualTo("Manage your email alerts from Policy Alerts");
        assertThat(MailParts.linkPath(mail, "/preferences/")).isEqualTo("/preferences/" + token);
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void atMostThreeADayPerAddress() {
        // the abuse guard's day window ends at midnight UTC: across it, this service's own rolling cap still holds
        clock.set(java.time.Instant.parse("2026-11-28T23:58:00Z"));
        new Fixtures(jdbc).reader("reader@example.org", "daily", clock.instant().minus(Duration.ofDays(1)), "*/iran");
        for (int i = 0; i < 3; i++) {
            assertThat(ask("reader@example.org").status()).isEqualTo(302);
        }
        // sent before the clock moves: a jump past the senders' lease would make their claims look abandoned
        awaitMail(3);
        clock.set(clock.instant().plus(Duration.ofMinutes(3)));
        for (int i = 0; i < 2; i++) {
            assertThat(ask("reader@example.org").status()).isEqualTo(302);
        }
        assertThat(jdbc.sql("select count(*) from delivery where kind = 'transactional'").query(Integer.class).single())
                .isEqualTo(3);

        clock.set(clock.instant().plus(Duration.ofHours(25)));
        ask("reader@example.org");
        assertThat(jdbc.sql("select count(*) from delivery where kind = 'transactional'").query(Integer.class).single())
                .isEqualTo(4);
    }

    @Test
    void anAddressThatLeftGetsNothingAndAMalformedOneIs400() {
        long id = new Fixtures(jdbc).reader("left@example.org", "daily", clock.instant(), "*/iran");
        jdbc.sql("update subscriber set status = 'unsubscribed' where id = :id").param("id", id).update();

        assertThat(ask("left@example.org").status()).isEqualTo(302);
        Http.Response malformed = ask("not an address");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("Enter an email address like name@example.org.");
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isZero();
    }

    private Http.Response ask(String email) {
        return ReaderSteps.post(new Http(port), "/subscribe", "/manage", "email", email);
    }
}
