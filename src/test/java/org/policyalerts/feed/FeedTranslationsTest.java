package org.policyalerts.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;

/**
 * An Atom item whose alternate-language link leads to a brief we have becomes a translation of that brief's
 * original; the original, polled again, stays the original although its own alternate link leads to the translation.
 */
class FeedTranslationsTest extends IntegrationTest {

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

    @Test
    void anItemLinkingToABriefInAnotherLanguageIsItsTranslation() {
        server.serve("/en.xml", "atom.xml", "application/atom+xml");
        server.serve("/ar.xml", "atom-ar.xml", "application/atom+xml");
        long english = register("/en.xml", "en");
        long arabic = register("/ar.xml", "ar");

        poll(english);
        poll(arabic);

        String original = "feed:" + english + ":urn:example:brief:7";
        assertThat(brief("ar")).containsEntry("externalId", "feed:" + arabic + ":urn:example:brief:7:ar")
                .containsEntry("translationOf", original);
        assertThat(brief("en")).containsEntry("externalId", original).containsEntry("translationOf", null);

        server.serve("/en.xml", "atom-edited.xml", "application/atom+xml");
        assertThat(poll(english)).containsEntry("itemsUpdated", 1).containsEntry("lastError", null);
        assertThat(brief("en")).containsEntry("title", "Sanctions and the rial (updated)")
                .containsEntry("translationOf", null);
        assertThat(brief("ar")).containsEntry("translationOf", original);
    }

    private long register(String path, String language) {
        Http.Response created = http.postApi("/api/feeds",
                "{\"url\":\"" + server.url(path) + "\",\"language\":\"" + language + "\",\"mode\":\"publish\"}");
        assertThat(created.status()).isEqualTo(201);
        return ((Number) Json.object(created.body()).get("id")).longValue();
    }

    private Map<String, Object> poll(long id) {
        Http.Response polled = http.postApi("/api/feeds/" + id + "/poll", "");
        assertThat(polled.status()).isEqualTo(200);
        return Json.object(polled.body());
    }

    private Map<String, Object> brief(String language) {
        List<Map<String, Object>> all = Json.array(http.getApi("/api/briefs").body());
        return all.stream().filter(b -> language.equals(b.get("language"))).findFirst().orElseThrow();
    }
}
