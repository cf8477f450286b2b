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
import org.springframework.beans.factory.annotation.Autowired;

/** What a digest with several briefs says, in both its parts. */
class DigestMailTest extends IntegrationTest {

    @Autowired
    Briefs briefs;

    @Autowired
    SendRuns runs;

    @Test
    void listsBriefsNewestFirstAndNamesTheCountAndTheNewestTitleInTheSubject() throws Exception {
        Instant now = Instant.parse("2026-03-04T12:00:00Z");
        clock.set(now);
        new Fixtures(jdbc).reader("reader@example.org", "daily", now.minus(Duration.ofDays(1)), "*/syria", "us-policy/*");
        publish("older", "The Biden Administration Needs to Support Kurds", List.of("us-policy"), List.of("iraq", "syria"),
                now.minus(Duration.ofHours(20)));
        publish("newest", "Assad Is Giving Biden Every Reason to Prioritize Syria", List.of("us-policy"), List.of("syria"),
                now.minus(Duration.ofHours(1)));
        publish("middle", "Terror in Syria", List.of("terrorism"), List.of("syria"), now.minus(Duration.ofHours(5)));

        runs.request(org.policyalerts.subscription.Frequency.DAILY, RunTrigger.API, null);
        runs.planPending();
        MimeMessage digest = awaitMail(1).get(0);

        assertThat(digest.getSubject())
                .isEqualTo("3 new briefs: Assad Is Giving Biden Every Reason to Prioritize Syria and 2 more");
        String text = MailParts.text(digest);
        assertThat(text.indexOf("Assad Is Giving")).isLessThan(text.indexOf("Terror in Syria"));
        assertThat(text.indexOf("Terror in Syria")).isLessThan(text.indexOf("Needs to Support Kurds"));
        assertThat(text).contains("March 4, 2026", "March 3, 2026", "U.S. Policy / Iraq / Syria",
                "You get this because you follow: Syria; U.S. Policy");
        // each item names the follow that brought it, the most specific and then the first by name
        assertThat(text).containsSubsequence("Assad Is Giving", "Because you follow Syria", "Terror in Syria",
                "Because you follow Syria", "Needs to Support Kurds", "Because you follow Syria");
        String html = MailParts.html(digest);
        assertThat(html.indexOf("Assad Is Giving")).isLessThan(html.indexOf("Needs to Support Kurds"));
        assertThat(html).contains("dir=\"ltr\"", "lang=\"en\"", "U.S. Policy · Iraq · Syria");
    }

    private void publish(String id, String title, List<String> topics, List<String> regions, Instant publishedAt) {
        briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", title, "Summary of " + id,
                List.of("Ruwayda Mustafa", "Yerevan Saeed"), publishedAt, "en", topics, regions));
    }
}
