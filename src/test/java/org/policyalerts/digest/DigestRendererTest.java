package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.BriefState;
import org.policyalerts.brief.Briefs;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.Frequency;
import org.policyalerts.subscription.Reader;
import org.policyalerts.subscription.Readers;
import org.springframework.beans.factory.annotation.Autowired;

/** The digest a reader would get, rendered without any send run or outbox row: what staff previews show. */
class DigestRendererTest extends IntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");

    @Autowired
    DigestRenderer renderer;

    @Autowired
    Briefs briefs;

    @Autowired
    Readers readers;

    @Autowired
    SendRuns runs;

    @Test
    void rendersAMadeUpReadersDigestForGivenBriefs() {
        Brief older = brief(1, "Kurds and the <Coalition> & Oil", List.of("us-policy"), List.of("iraq"),
                NOW.minus(Duration.ofDays(1)));
        Brief newer = brief(2, "Syria's Ceasefire", List.of("terrorism", "us-policy"), List.of("syria"),
                NOW.minus(Duration.ofHours(2)));

        RenderedDigest digest = renderer.render(DigestRecipient.madeUp("editor@example.org", Locale.ENGLISH,
                List.of(new Follow(null, "iraq"))), List.of(older, newer));

        // the count and the newest title, which the digest also shows first
        assertThat(digest.subject()).isEqualTo("2 new briefs: Syria's Ceasefire and 1 more");
        assertThat(digest.unsubscribeUrl()).isEqualTo("https://alerts.example.org/unsubscribe/preview");
        assertThat(digest.text().indexOf("Syria's Ceasefire")).isLessThan(digest.text().indexOf("Kurds and the"));
        assertThat(digest.text()).contains("Kurds and the <Coalition> & Oil", "March 3, 2026", "U.S. Policy / Iraq",
                "You get this because you follow: Iraq", "Unsubscribe: https://alerts.example.org/unsubscribe/preview",
                "Because you follow Iraq\nStop Iraq: https://alerts.example.org/preferences/preview/stop?follow=*%2Firaq",
                "Change your topics: https://alerts.example.org/preferences/preview")
                .doesNotContain("View in your browser");
        // only the brief on Iraq says why: the Syria one matched no follow of this made-up reader
        assertThat(digest.text().split("Because you follow", -1)).hasSize(2);
        assertThat(digest.html()).contains("Kurds and the &lt;Coalition&gt; &amp; Oil", "dir=\"ltr\"", "lang=\"en\"",
                "https://example.org/2", "https://alerts.example.org/unsubscribe/preview")
                .doesNotContain("<Coalition>");
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isZero();
        assertThatThrownBy(() -> renderer.render(
                DigestRecipient.madeUp("e@example.org", Locale.ENGLISH, List.of()), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReadersRenderedDigestIsTheMailTheOutboxSends() throws Exception {
        clock.set(NOW);
        long readerId = new Fixtures(jdbc).reader("reader@example.org", "daily", NOW.minus(Duration.ofDays(1)), "*/syria");
        briefs.publish(new BriefInput("a", "https://example.org/a", "Brief Analysis", "Terror in Syria", "Summary",
                List.of("Ruwayda Mustafa"), NOW.minus(Duration.ofHours(3)), "en", List.of("terrorism"), List.of("syria")));
        List<Brief> published = briefs.recent(10, null);

        runs.request(Frequency.DAILY, RunTrigger.API, null);
        runs.planPending();
        MimeMessage sent = awaitMail(1).get(0);
        Reader reader = readers.active(List.of(readerId)).get(readerId);
        long deliveryId = jdbc.sql("select id from delivery").query(Long.class).single();
        RenderedDigest preview = renderer.batch().render(DigestRecipient.of(reader,
                readers.follows(List.of(readerId)).get(readerId)), published, java.util.Map.of(),
                "/digest/" + deliveryId + "?token=" + reader.manageToken());

        // one brief: its title is the subject
        assertThat(sent.getSubject()).isEqualTo(preview.subject()).isEqualTo("Terror in Syria");
        assertThat(MailParts.text(sent)).contains("View in your browser: https://alerts.example.org/digest/" + deliveryId
                + "?token=" + reader.manageToken());
        assertThat(normalized(MailParts.text(sent))).isEqualTo(normalized(preview.text()));
        assertThat(normalized(MailParts.html(sent))).isEqualTo(normalized(preview.html()));
        assertThat(sent.getHeader("List-Unsubscribe")[0]).contains(preview.unsubscribeUrl());
        assertThat(preview.unsubscribeUrl()).matches("https://alerts\\.example\\.org/unsubscribe/[A-Za-z0-9_-]{20,}");
    }

    private static String normalized(String part) {
        return part.replace("\r\n", "\n").strip();
    }

    private static Brief brief(long id, String title, List<String> topics, List<String> regions, Instant publishedAt) {
        return new Brief(id, "ext-" + id, "https://example.org/" + id, "Brief Analysis", title, "Summary " + id,
                List.of("Author " + id), publishedAt, "en", topics, regions, publishedAt, publishedAt, BriefState.PUBLISHED, false,
                null);
    }
}
