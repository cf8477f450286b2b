package org.policyalerts.brief;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;

/** The staff API for briefs, over HTTP: what it accepts, and a clear 4xx for everything it does not. */
class BriefApiTest extends IntegrationTest {

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void createsThenUpdatesByExternalId() {
        Http.Response created = http.postApi("/api/briefs", brief("b1", "First title"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/briefs/1");
        assertThat(Json.object(created.body())).containsEntry("title", "First title")
                .containsEntry("topics", List.of("energy-economics", "us-policy"))
                .containsEntry("regions", List.of("iran"));

        Http.Response updated = http.postApi("/api/briefs", brief("b1", "Corrected title"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(Json.object(updated.body())).containsEntry("id", 1).containsEntry("title", "Corrected title")
                .containsEntry("createdAt", Json.object(created.body()).get("createdAt"));

        List<Map<String, Object>> recent = Json.array(http.getApi("/api/briefs").body());
        assertThat(recent).extracting(b -> b.get("title")).containsExactly("Corrected title");
        assertThat(http.getApi("/api/briefs/1").status()).isEqualTo(200);
    }

    @Test
    void listsNewestFirst() {
        http.postApi("/api/briefs", Json.brief("old", "Old", List.of(), List.of(), Instant.parse("2026-01-01T00:00:00Z")));
        http.postApi("/api/briefs", Json.brief("new", "New", List.of(), List.of(), Instant.parse("2026-02-01T00:00:00Z")));

        assertThat(Json.array(http.getApi("/api/briefs?limit=1").body())).extracting(b -> b.get("externalId"))
                .containsExactly("new");
    }

    static Stream<Arguments> badBriefs() {
        return Stream.of(
                Arguments.of("unknown slugs are named", brief("b1", "T").replace("\"iran\"", "\"atlantis\"")
                        .replace("\"us-policy\"", "\"knitting\""), "unknown regions: atlantis; unknown topics: knitting"),
                Arguments.of("malformed JSON", "{\"externalId\": ", "not valid JSON"),
                Arguments.of("not an object", "[1, 2]", "wrong type"),
                Arguments.of("no body", "", "missing or is not valid JSON"),
                Arguments.of("bad date", brief("b1", "T").replaceAll("\"publishedAt\":\"[^\"]+\"", "\"publishedAt\":\"yesterday\""),
                        "'publishedAt'"),
                Arguments.of("missing fields", "{\"title\":\"T\"}",
                        "externalId must not be blank; publishedAt must not be null; url must not be blank"),
                Arguments.of("line break in the title (header injection)", brief("b1", "Title\r\nBcc: victim@example.org"),
                        "title must be a single line"),
                Arguments.of("not a web address", brief("b1", "T").replace("https://example.org/briefs/b1", "javascript:alert(1)"),
                        "url must be an absolute http(s) URL"),
                Arguments.of("language code", brief("b1", "T").replace("}", ",\"language\":\"english\"}"),
                        "language must be a two-letter language code"),
                Arguments.of("title too long", brief("b1", "x".repeat(501)), "title size must be between"),
                Arguments.of("a number as the title", brief("b1", "T").replace("\"T\"", "123"),
                        "The field 'title' must be a JSON string"),
                Arguments.of("a boolean as the title", brief("b1", "T").replace("\"T\"", "false"),
                        "The field 'title' must be a JSON string"),
                Arguments.of("a number in a list of slugs", brief("b1", "T").replace("\"iran\"", "7"),
                        "The field 'regions[0]' must be a JSON string"),
                Arguments.of("epoch millis as publishedAt", publishedAt("1700000000123"),
                        "The field 'publishedAt' must be an ISO-8601 date-time string"),
                Arguments.of("epoch millis in a string", publishedAt("\"1700000000123\""),
                        "The field 'publishedAt' must be an ISO-8601 date-time string"),
                Arguments.of("publishedAt beyond what PostgreSQL stores", publishedAt("\"+294277-01-01T00:00:00Z\""),
                        "publishedAt must be a date-time in the years 1900 to 2200"),
                Arguments.of("publishedAt before the Julian epoch", publishedAt("\"-4713-11-24T00:00:00Z\""),
                        "publishedAt must be a date-time in the years 1900 to 2200"),
                Arguments.of("publishedAt just before the range", publishedAt("\"1899-12-31T23:59:59Z\""),
                        "publishedAt must be a date-time in the years 1900 to 2200"),
                Arguments.of("publishedAt just after the range", publishedAt("\"2201-01-01T00:00:00Z\""),
                        "publishedAt must be a date-time in the years 1900 to 2200"),
                Arguments.of("unknown field", brief("b1", "T").replace("\"topics\"", "\"tpoics\""),
                        "The field 'tpoics' is not one this API knows"),
                Arguments.of("duplicate field", brief("b1", "T").replace("{", "{\"title\":\"Other\","), "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBriefs")
    void badInputIsA400ThatSaysWhatIsWrong(String name, String body, String detail) {
        Http.Response response = http.postApi("/api/briefs", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.object(response.body()).get("detail").toString()).contains(detail);
        assertThat(jdbc.sql("select count(*) from brief").query(Integer.class).single()).isZero();
    }

    @Test
    void theEdgesOfThePublishedAtRangeAreAccepted() {
        assertThat(http.postApi("/api/briefs", publishedAt("\"1900-01-01T00:00:00Z\"")).status()).isEqualTo(201);
        assertThat(http.postApi("/api/briefs", publishedAt("\"2200-12-31T23:59:59Z\"")).status()).isEqualTo(200);
        assertThat(http.postApi("/api/briefs", publishedAt("\"2026-11-27T12:00:00+02:00\"")).status()).isEqualTo(200);
        assertThat(Json.object(http.getApi("/api/briefs/1").body())).containsEntry("publishedAt", "2026-11-27T10:00:00Z");
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("/api/briefs?limit=0", 400, "limit must be between 1 and 500"),
                Arguments.of("/api/briefs?limit=100000", 400, "limit must be between 1 and 500"),
                Arguments.of("/api/briefs?limit=abc", 400, "limit must be a whole number"),
                Arguments.of("/api/briefs/abc", 400, "id must be a whole number"),
                Arguments.of("/api/briefs/999", 404, "No brief with id 999"),
                Arguments.of("/api/no-such-thing", 404, "There is no API endpoint at this path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void badParametersAndPathsSayWhatIsWrong(String path, int status, String detail) {
        Http.Response response = http.getApi(path);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.object(response.body()).get("detail").toString()).contains(detail);
    }

    @Test
    void otherClientMistakesAre4xxToo() {
        assertThat(http.post("/api/briefs", "text/plain", "hello", "Authorization", "Bearer " + TOKEN).status())
                .isEqualTo(415);
        assertThat(http.getApi("/api/briefs?limit=0").status()).isEqualTo(400);
        assertThat(http.getApi("/api/briefs?limit=lots").status()).isEqualTo(400);
        assertThat(http.getApi("/api/briefs/999").status()).isEqualTo(404);
        assertThat(http.getApi("/api/briefs/abc").status()).isEqualTo(400);
        Http.Response wrongMethod = http.post("/api/briefs/1", "application/json", "{}", "Authorization", "Bearer " + TOKEN);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.header("Allow")).contains("GET");
        Http.Response xml = http.post("/api/briefs", "application/xml", "<brief/>", "Authorization", "Bearer " + TOKEN);
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aBodyOverTheCapIsA413() {
        Http.Response response = http.postApi("/api/briefs", brief("b1", "T").replace("What it means.", "x".repeat(1_048_577)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.object(response.body()).get("detail").toString()).contains("larger than the 1048576 bytes");
    }

    @Test
    void withoutTheTokenTheApiAnswers401() {
        Http.Response none = http.get("/api/briefs");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(Json.object(none.body())).containsEntry("status", 401);

        assertThat(http.get("/api/briefs", "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(http.post("/api/briefs", "application/json", brief("b1", "T")).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from brief").query(Integer.class).single()).isZero();
    }

    private static String publishedAt(String json) {
        return brief("b1", "T").replaceAll("\"publishedAt\":\"[^\"]+\"", "\"publishedAt\":" + json.replace("$", "\\$"));
    }

    private static String brief(String id, String title) {
        return Json.brief(id, title, List.of("energy-economics", "us-policy"), List.of("iran"),
                Instant.parse("2026-11-27T10:00:00Z"));
    }
}
