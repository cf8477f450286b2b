package org.policyalerts.brief;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;

/** The API's view of brief states: state and urgent in and out, ?state= filters, retraction is final. */
class BriefStatesApiTest extends IntegrationTest {

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void acceptsDraftsAndUrgentBriefsAndFiltersByState() {
        Map<String, Object> published = Json.object(http.postApi("/api/briefs", brief("p", "")).body());
        assertThat(published).containsEntry("state", "published").containsEntry("urgent", false);
        Map<String, Object> draft = Json.object(http.postApi("/api/briefs", brief("d", ",\"state\":\"draft\"")).body());
        assertThat(draft).containsEntry("state", "draft");
        Map<String, Object> future = Json.object(http.postApi("/api/briefs",
                brief("f", "").replace("2026-01-01T00:00:00Z", "2199-01-01T00:00:00Z")).body());
        assertThat(future).containsEntry("state", "scheduled");

        assertThat(ids("draft")).containsExactly("d");
        assertThat(ids("scheduled")).containsExactly("f");
        assertThat(ids("published")).containsExactly("p");
        assertThat(Json.array(http.getApi("/api/briefs").body())).hasSize(3);

        Http.Response bad = http.postApi("/api/briefs", brief("x", ",\"state\":\"retracted\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("state must be draft or published");
        assertThat(http.getApi("/api/briefs?state=gone").body()).contains("state must be one of draft");
    }

    @Test
    void retractionIsFinal() {
        long id = ((Number) Json.object(http.postApi("/api/briefs", brief("r", ",\"urgent\":false")).body()).get("id"))
                .longValue();
        Http.Response retracted = http.postApi("/api/briefs/" + id + "/retract", "");
        assertThat(retracted.status()).isEqualTo(200);
        assertThat(Json.object(retracted.body())).containsEntry("state", "retracted");
        assertThat(Json.object(http.postApi("/api/briefs", brief("r", "")).body())).containsEntry("state", "retracted");
        assertThat(ids("retracted")).containsExactly("r");
        assertThat(http.postApi("/api/briefs/999/retract", "").status()).isEqualTo(404);
    }

    private List<Object> ids(String state) {
        return Json.array(http.getApi("/api/briefs?state=" + state).body()).stream().map(b -> b.get("externalId")).toList();
    }

    private static String brief(String id, String extra) {
        return "{\"externalId\":\"" + id + "\",\"url\":\"https://example.org/" + id + "\",\"title\":\"T " + id
                + "\",\"publishedAt\":\"2026-01-01T00:00:00Z\",\"regions\":[\"iran\"]" + extra + "}";
    }
}
