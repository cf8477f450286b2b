package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.MailParts;

/** Each digest item says which follow brought it and links to a page that stops just that follow. */
class StopFollowTest extends IntegrationTest {

    private String token;

    @BeforeEach
    void reader() {
        Instant since = clock.instant().minus(Duration.ofHours(1));
        new Fixtures(jdbc).reader("reader@example.org", "immediate", since, "*/iran", "energy-economics/*");
        jdbc.sql("update subscriber set topics = '{energy-economics}', regions = '{iran}'").update();
        token = new ReaderSteps(port, jdbc).token("reader@example.org");
    }

    @Test
    void theDigestSaysWhyAndItsLinkStopsOnlyThatFollow() throws Exception {
        new Http(port).postApi("/api/briefs", Json.brief("b1", "Oil in Iran", List.of("energy-economics"), List.of("iran"),
                clock.instant()));
        new ReaderSteps(port, jdbc).runImmediate();
        String text = MailParts.text(awaitMail(1).get(0));
        assertThat(text).contains("Because you follow Iran",
                "Stop Iran: https://alerts.example.org/preferences/" + token + "/stop?follow=*%2Firan",
                "Change your topics: https://alerts.example.org/preferences/" + token);
        String stop = ReaderSteps.link(text, "/preferences/" + token + "/stop");

        Http browser = new Http(port);
        Http.Response asked = browser.get(stop);
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(asked.header("Cache-Control")).contains("no-store");
        assertThat(asked.body()).contains("Stop alerts because you follow Iran?", "<button type=\"submit\">Stop Iran</button>");
        assertThat(follows()).containsExactly("*/iran", "energy-economics/*");

        Http.Response stopped = ReaderSteps.post(browser, stop, stop);

        assertThat(stopped.status()).isEqualTo(302);
        assertThat(browser.get(stopped.header("Location")).body()).contains("You no longer follow Iran.");
        assertThat(follows()).containsExactly("energy-economics/*");
        assertThat(jdbc.sql("select array_to_string(topics, ',') || '|' || array_to_string(regions, ',') from subscriber")
                .query(String.class).single()).isEqualTo("energy-economics|");
        assertThat(jdbc.sql("select action || ' ' || source from consent").query(String.class).list())
                .containsExactly("stop-follow mail-link");
    }

    @Test
    void stoppingTheLastFollowUnsubscribesAndSaysSo() {
        String base = "/preferences/" + token + "/stop?follow=";
        Http browser = new Http(port);
        browser.get(ReaderSteps.post(browser, base + "*/iran", base + "*/iran").header("Location"));
        Http.Response last = ReaderSteps.post(browser, base + "energy-economics/*", base + "energy-economics/*");

        assertThat(browser.get(last.header("Location")).body()).contains("It was the only thing you followed");
        assertThat(jdbc.sql("select status from subscriber").query(String.class).single()).isEqualTo("unsubscribed");
    }

    @Test
    void unknownFollowsAndTokensAre404() {
        Http browser = new Http(port);
        assertThat(browser.get("/preferences/" + token + "/stop?follow=nowhere/*").status()).isEqualTo(404);
        assertThat(browser.get("/preferences/" + token + "/stop").status()).isEqualTo(404);
        assertThat(browser.get("/preferences/" + "B".repeat(43) + "/stop?follow=*/iran").status()).isEqualTo(404);
        assertThat(follows()).hasSize(2);
    }

    private List<String> follows() {
        return jdbc.sql("""
                        select coalesce(t.slug, '*') || '/' || coalesce(r.slug, '*') from subscription s
                        left join topic t on t.id = s.topic_id left join region r on r.id = s.region_id order by 1
                        """).query(String.class).list();
    }
}
