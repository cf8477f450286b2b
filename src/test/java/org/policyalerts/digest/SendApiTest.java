package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;

/** Starting a send by API, following it, and repeating the request safely. */
class SendApiTest extends IntegrationTest {

    private Http http;

    @org.springframework.beans.factory.annotation.Autowired
    RunStats runStats;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aSendReportsItsProgressInTheDocumentedShape() {
        Http.Response started = http.postApi("/api/sends", "{\"frequency\":\"daily\"}");

        assertThat(started.status()).isEqualTo(202);
        Map<String, Object> run = Json.object(started.body());
        assertThat(run).containsKeys("id", "status", "matched", "queued", "sent", "failed")
                .containsEntry("frequency", "daily").containsEntry("trigger", "api");
        assertThat(started.header("Location")).isEqualTo("/api/sends/" + run.get("id"));
        org.awaitility.Awaitility.await().until(() ->
                Json.object(http.getApi(started.header("Location")).body()).get("status").equals("done"));
    }

    @Test
    void aRetryOfARunWithoutFailuresChangesNothing() {
        String location = http.postApi("/api/sends", "{\"frequency\":\"daily\"}").header("Location");
        org.awaitility.Awaitility.await().until(() -> Json.object(http.getApi(location).body()).get("status").equals("done"));

        Http.Response retried = http.postApi(location + "/retry", "");

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Location")).isEqualTo(location);
        assertThat(Json.object(retried.body())).containsEntry("status", "done").containsEntry("queued", 0);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameRun() {
        Http.Response first = http.postApi("/api/sends", "{\"frequency\":\"weekly\"}", "Idempotency-Key", "k-1");
        Http.Response again = http.postApi("/api/sends", "{\"frequency\":\"weekly\"}", "Idempotency-Key", "k-1");
        Http.Response other = http.postApi("/api/sends", "{\"frequency\":\"weekly\"}", "Idempotency-Key", "k-2");

        assertThat(Json.object(again.body()).get("id")).isEqualTo(Json.object(first.body()).get("id"));
        assertThat(Json.object(other.body()).get("id")).isNotEqualTo(Json.object(first.body()).get("id"));
        assertThat(jdbc.sql("select count(*) from send_run").query(Integer.class).single()).isEqualTo(2);
        // the dashboard's latest runs: newest first, counted by the same query as the API
        assertThat(runStats.recent(5)).extracting(r -> (Object) r.id(), RunStats.RecentRun::frequency, RunStats.RecentRun::trigger)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(((Number) Json.object(other.body()).get("id")).longValue(), "weekly", "api"),
                        org.assertj.core.groups.Tuple.tuple(((Number) Json.object(first.body()).get("id")).longValue(), "weekly", "api"));

        Http.Response mismatch = http.postApi("/api/sends", "{\"frequency\":\"daily\"}", "Idempotency-Key", "k-1");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.body()).contains("already used for a weekly send");
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThat(http.postApi("/api/sends", "{\"frequency\":\"hourly\"}").body())
                .contains("frequency must be one of immediate, daily, weekly");
        assertThat(http.postApi("/api/sends", "{\"frequency\":\"hourly\"}").status()).isEqualTo(400);
        assertThat(http.postApi("/api/sends", "{}").status()).isEqualTo(400);
        assertThat(http.postApi("/api/sends", "nonsense").status()).isEqualTo(400);
        assertThat(http.getApi("/api/sends/12345").status()).isEqualTo(404);
        assertThat(http.postApi("/api/sends/12345/retry", "").status()).isEqualTo(404);
        assertThat(http.post("/api/sends/1/retry", "application/json", "").status()).isEqualTo(401);
        assertThat(http.postApi("/api/sends", "{\"frequency\":1}").status()).isEqualTo(400);
        assertThat(http.postApi("/api/sends", "{\"frequency\":\"daily\"}", "Idempotency-Key", "k".repeat(201)).body())
                .contains("Idempotency-Key must be 1 to 200 visible ASCII characters");
        assertThat(http.postApi("/api/sends", "{\"frequency\":\"daily\"}", "Idempotency-Key", "a b").body())
                .contains("Idempotency-Key must be 1 to 200 visible ASCII characters");
        assertThat(http.post("/api/sends", "application/json", "{\"frequency\":\"daily\"}").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from send_run").query(Integer.class).single()).isZero();
    }
}
