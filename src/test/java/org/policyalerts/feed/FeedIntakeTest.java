package org.policyalerts.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.taxonomy.Term;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Feeds registered over the API and polled from a local web server (the shared context allows private networks):
 * RSS 2.0, RSS 1.0 and Atom become briefs, idempotently; hostile and broken feeds are reported and stop nothing.
 */
class FeedIntakeTest extends IntegrationTest {

    @Autowired
    private Feeds feeds;

    @Autowired
    private FeedRepository repository;

    private Http http;
    private FeedServer server;

    @BeforeEach
    void start() throws Exception {
        http = new Http(port);
        server = new FeedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long register(String path, String language, String mode) {
        Http.Response created = http.postApi("/api/feeds",
                "{\"url\":\"" + server.url(path) + "\",\"language\":\"" + language + "\",\"mode\":\"" + mode + "\"}");
        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> feed = Json.object(created.body());
        assertThat(feed).containsEntry("status", "new").containsEntry("mode", mode);
        assertThat(created.header("Location")).isEqualTo("/api/feeds/" + feed.get("id"));
        return ((Number) feed.get("id")).longValue();
    }

    private Map<String, Object> poll(long id) {
        Http.Response polled = http.postApi("/api/feeds/" + id + "/poll", "");
        assertThat(polled.status()).isEqualTo(200);
        return Json.object(polled.body());
    }

    private List<Map<String, Object>> briefs(String query) {
        return Json.array(http.getApi("/api/briefs" + query).body());
    }

    @Test
    void aPollThatOutlivedItsLeaseDoesNotOverwriteTheNextHolder() {
        long id = register("/none.xml", "en", "publish");
        Instant now = Instant.now();
        FeedRepository.Claimed first = repository.claim(id, now, Duration.ofMinutes(5), null).orElseThrow();
        Instant later = now.plus(Duration.ofMinutes(6));
        FeedRepository.Claimed second = repository.claim(id, later, Duration.ofMinutes(5), null).orElseThrow();

        repository.finish(id, first.leaseUntil(), FeedStatus.FAILED, later, 0, 0, "stale", null, null);
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(FeedStatus.NEW);
        assertThat(repository.claim(id, later, Duration.ofMinutes(5), null)).isEmpty(); // still held by the second

        repository.finish(id, second.leaseUntil(), FeedStatus.OK, later, 1, 0, null, null, null);
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(FeedStatus.OK);
    }

    @Test
    void rss2ItemsBecomePublishedBriefsOnceThenUpdateWhenEdited() {
        server.serve("/rss.xml", "rss2.xml", "application/rss+xml; charset=utf-8");
        long id = register("/rss.xml", "en", "publish");

        assertThat(poll(id)).containsEntry("status", "ok").containsEntry("itemsAdded", 2)
                .containsEntry("itemsUpdated", 0).containsEntry("lastError", null);
        List<Map<String, Object>> published = briefs("?state=published");
        assertThat(published).extracting(b -> b.get("title"))
                .containsExactlyInAnyOrder("Oil & gas prices in the Gulf", "Ceasefire talks resume");
        Map<String, Object> oil = published.stream().filter(b -> b.get("title").toString().startsWith("Oil")).findFirst()
                .orElseThrow();
        assertThat(oil).containsEntry("externalId", "feed:" + id + ":research-101")
                .containsEntry("summary", "Why prices moved.")
                .containsEntry("topics", List.of("energy-economics")).containsEntry("regions", List.of("iran"));
        // the Arabic name of a region maps too
        assertThat(published.stream().filter(b -> b.get("title").equals("Ceasefire talks resume")).findFirst()
                .orElseThrow()).containsEntry("regions", List.of("iran"));

        // unchanged feed: the conditional GET gets a 304 and nothing is added
        assertThat(poll(id)).containsEntry("status", "not-modified").containsEntry("itemsAdded", 0);
        assertThat(server.notModified.get()).isEqualTo(1);

        // the first item edited, the second gone: one brief updated, none added, none deleted
        server.serve("/rss.xml", "rss2-edited.xml", "application/rss+xml");
        assertThat(poll(id)).containsEntry("status", "ok").containsEntry("itemsAdded", 0).containsEntry("itemsUpdated", 1);
        assertThat(briefs("")).extracting(b -> b.get("title"))
                .containsExactlyInAnyOrder("Oil and gas prices in the Gulf (corrected)", "Ceasefire talks resume");
    }

    @Test
    void reviewModeMakesDraftsAndAtomKeepsTheTranslationLink() {
        server.serve("/atom.xml", "atom.xml", "application/atom+xml");
        long id = register("/atom.xml", "en", "review");
        assertThat(poll(id)).containsEntry("status", "ok").containsEntry("itemsAdded", 1);

        assertThat(briefs("?state=published")).isEmpty();
        List<Map<String, Object>> drafts = briefs("?state=draft");
        assertThat(drafts).singleElement().satisfies(b -> assertThat(b)
                .containsEntry("title", "Sanctions and the rial")
                .containsEntry("url", "https://www.example.org/research/rial")
                .containsEntry("topics", List.of("us-policy")).containsEntry("regions", List.of("iran")));
        assertThat(jdbc.sql("select translation_url from feed_item").query(String.class).single())
                .isEqualTo("https://www.example.org/ar/research/rial");

        // staff publish the draft; an edit of the item updates it and leaves it published
        jdbc.sql("update brief set state = 'published'").update();
        server.serve("/atom.xml", "atom-edited.xml", "application/atom+xml");
        assertThat(poll(id)).containsEntry("itemsUpdated", 1);
        assertThat(briefs("?state=draft")).isEmpty();
        assertThat(briefs("?state=published")).extracting(b -> b.get("title"))
                .containsExactly("Sanctions and the rial (updated)");
    }

    @Test
    void rss1AndALatin1FeedAreRead() {
        server.serve("/rdf.xml", "rss1.xml");
        server.serve("/latin1.xml", "latin1.xml", "text/xml");
        assertThat(poll(register("/rdf.xml", "en", "publish"))).containsEntry("status", "ok").containsEntry("itemsAdded", 1);
        assertThat(poll(register("/latin1.xml", "fr", "publish"))).containsEntry("status", "ok");
        assertThat(briefs("")).extracting(b -> b.get("title"))
                .containsExactlyInAnyOrder("Aid corridors in Syria", "Café diplomacy");
        assertThat(briefs("").stream().filter(b -> b.get("title").equals("Aid corridors in Syria")).findFirst()
                .orElseThrow()).containsEntry("externalId", "feed:1:https://www.example.org/research/syria-aid");
    }

    @Test
    void brokenAndHostileFeedsAreReportedAndStopNoOtherFeed() {
        server.serve("/malformed.xml", "malformed.xml");
        server.serve("/xxe.xml", "xxe.xml");
        server.serve("/laughs.xml", "billion-laughs.xml");
        server.serve("/good.xml", "rss2.xml");
        long malformed = register("/malformed.xml", "en", "publish");
        long xxe = register("/xxe.xml", "en", "publish");
        long laughs = register("/laughs.xml", "en", "publish");
        long missing = register("/missing.xml", "en", "publish");
        long good = register("/good.xml", "en", "publish");

        feeds.pollDue();

        for (long broken : List.of(malformed, xxe, laughs, missing)) {
            Map<String, Object> state = Json.object(http.getApi("/api/feeds/" + broken).body());
            assertThat(state).containsEntry("status", "failed");
            assertThat((String) state.get("lastError")).isNotBlank();
            assertThat(state.get("lastPolledAt")).isNotNull();
        }
        assertThat((String) Json.object(http.getApi("/api/feeds/" + xxe).body()).get("lastError")).contains("DOCTYPE");
        assertThat((String) Json.object(http.getApi("/api/feeds/" + missing).body()).get("lastError")).contains("HTTP 404");
        assertThat(Json.object(http.getApi("/api/feeds/" + good).body())).containsEntry("status", "ok")
                .containsEntry("itemsAdded", 2);
        assertThat(briefs("")).hasSize(2).noneSatisfy(b -> assertThat(b.get("title").toString()).contains("root:"));

        // polled within the interval: the schedule leaves them alone
        feeds.pollDue();
        assertThat(server.notModified.get()).isZero();
    }

    @Test
    void unmappedCategoriesAreListedAndAMappingRetagsOnTheNextPoll() {
        server.serve("/rss.xml", "rss2.xml");
        long id = register("/rss.xml", "en", "publish");
        poll(id);
        assertThat(feeds.categories(id)).extracting(FeedRepository.Mapping::category).containsExactly("oddball desk");

        assertThat(feeds.map(id, "oddball desk", Term.Kind.TOPIC, "terrorism")).isTrue();
        assertThat(feeds.map(id, "oddball desk", Term.Kind.TOPIC, "no-such-topic")).isFalse();
        assertThat(poll(id)).containsEntry("status", "ok").containsEntry("itemsUpdated", 1);
        assertThat(briefs("").stream().filter(b -> b.get("externalId").toString().endsWith("research-101")).findFirst()
                .orElseThrow()).containsEntry("topics", List.of("energy-economics", "terrorism"));
    }

    @Test
    void badRegistrationsGetA400AndUnknownFeedsA404() {
        assertThat(http.postApi("/api/feeds", "{\"url\":\"ftp://x.example/feed\",\"language\":\"english\",\"mode\":\"auto\"}")
                .status()).isEqualTo(400);
        assertThat(http.postApi("/api/feeds", "{\"url\":\"https://x.example/feed\",\"language\":\"en\",\"mode\":\"review\",\"extra\":1}")
                .status()).isEqualTo(400);
        assertThat(http.getApi("/api/feeds/999").status()).isEqualTo(404);
        assertThat(http.postApi("/api/feeds/999/poll", "").status()).isEqualTo(404);
        assertThat(http.get("/api/feeds/1").status()).isEqualTo(401);
    }
}
