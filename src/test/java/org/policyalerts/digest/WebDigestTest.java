package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.MailParts;
import org.policyalerts.subscription.ReaderSteps;

/** "View in your browser": the digest as mailed, from the ledger, for the reader's own token only. */
class WebDigestTest extends IntegrationTest {

    @Test
    void theLinkInTheDigestOpensItsWebVersionWithThatReadersTokenOnly() throws Exception {
        long a = new Fixtures(jdbc).reader("a@example.org", "immediate", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        new Fixtures(jdbc).reader("b@example.org", "immediate", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        Http.Response created = new Http(port).postApi("/api/briefs", Json.brief("b1", "Iran's <oil> & gas", List.of(), List.of("iran"),
                clock.instant()));
        ReaderSteps steps = new ReaderSteps(port, jdbc);
        steps.runImmediate();
        long delivery = jdbc.sql("select id from delivery where subscriber_id = :id").param("id", a).query(Long.class).single();
        String tokenA = steps.token("a@example.org");
        String tokenB = steps.token("b@example.org");
        String mailed = MailParts.text(awaitMailTo("a@example.org", 2));
        String link = ReaderSteps.link(mailed, "/digest/");
        assertThat(link).isEqualTo("/digest/" + delivery + "?token=" + tokenA);

        Http browser = new Http(port);
        Http.Response page = browser.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("Iran&#39;s &lt;oil&gt; &amp; gas", "Because you follow Iran",
                "/preferences/" + tokenA).doesNotContain(tokenB);

        assertThat(browser.get("/digest/" + delivery + "?token=" + tokenB).status()).isEqualTo(404);
        assertThat(browser.get("/digest/" + delivery).status()).isEqualTo(404);
        assertThat(browser.get("/digest/" + (delivery + 100) + "?token=" + tokenA).status()).isEqualTo(404);
        assertThat(browser.get("/digest/x?token=" + tokenA).status()).isEqualTo(400);

        // retracted after it was mailed: the web version no longer shows it
        Object briefId = Json.object(created.body()).get("id");
        assertThat(new Http(port).postApi("/api/briefs/" + briefId + "/retract", "").status()).isEqualTo(200);
        assertThat(browser.get(link).status()).isEqualTo(404);
    }
}
