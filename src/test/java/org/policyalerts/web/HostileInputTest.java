package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Hostile and broken requests thrown at the running service: each gets the 4xx that says what is wrong, never a
 * 5xx, and under /api a problem document. Nothing of it is stored.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest extends IntegrationTest {

    private static final String AUTH = "\r\nAuthorization: Bearer " + TOKEN;
    private static final String JSON = "\r\nContent-Type: application/json";
    private static final String FORM = "\r\nContent-Type: application/x-www-form-urlencoded";
    private static final String MARK = "CSRF";

    private RawHttp raw;
    private String csrfCookieAndForm;

    @BeforeEach
    void session() {
        raw = new RawHttp(port);
        Http.Response page = new Http(port).get("/subscribe");
        String cookie = page.header("Set-Cookie").split(";")[0];
        csrfCookieAndForm = cookie + "\n" + java.net.URLEncoder.encode(page.csrf(), StandardCharsets.UTF_8);
    }

    /** A probe: what it is, the request head (request line and headers), its body, and the status it must get. */
    static Stream<Arguments> probes() {
        String brief = brief();
        return Stream.of(
                // Bodies the API cannot read
                probe("text/plain to the API", "POST /api/briefs HTTP/1.1" + AUTH + "\r\nContent-Type: text/plain", "hello", 415),
                probe("XML to the API", "POST /api/briefs HTTP/1.1" + AUTH + "\r\nContent-Type: application/xml", "<brief/>", 415),
                probe("no content type", "POST /api/briefs HTTP/1.1" + AUTH, brief, 415),
                probe("missing body", "POST /api/briefs HTTP/1.1" + AUTH + JSON, "", 400),
                probe("invalid JSON", "POST /api/briefs HTTP/1.1" + AUTH + JSON, "{\"title\": ", 400),
                probe("JSON then garbage", "POST /api/briefs HTTP/1.1" + AUTH + JSON, brief + " {}", 400),
                probe("deep nesting", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        "{\"topics\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}", 400),
                probe("duplicate keys", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        brief.replace("{", "{\"title\":\"First\","), 400),
                probe("unknown field", "POST /api/briefs HTTP/1.1" + AUTH + JSON, brief.replace("\"topics\"", "\"tpoics\""), 400),
                probe("invalid UTF-8", "POST /api/briefs HTTP/1.1" + AUTH + JSON, brief.replace("Title", "T\u00ff\u00fe"), 400),
                probe("NUL in a field", "POST /api/briefs HTTP/1.1" + AUTH + JSON, brief.replace("Title", "Ti\\u0000tle"), 400),
                probe("a number as the title", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        brief.replace("\"Title\"", "123"), 400),
                probe("a boolean as the title", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        brief.replace("\"Title\"", "true"), 400),
                probe("epoch millis as publishedAt", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        withPublishedAt(brief, "1700000000123"), 400),
                probe("far future publishedAt", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        withPublishedAt(brief, "\"+294277-01-01T00:00:00Z\""), 400),
                probe("beyond Instant publishedAt", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        withPublishedAt(brief, "\"+1000000001-01-01T00:00:00Z\""), 400),
                probe("a string where a list belongs", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        brief.replace("[\"iran\"]", "\"iran\""), 400),
                probe("huge field", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        brief.replace("What it means.", "x".repeat(200_000)), 400),
                probe("body over the cap", "POST /api/briefs HTTP/1.1" + AUTH + JSON,
                        brief.replace("What it means.", "x".repeat(1_100_000)), 413),
                probe("body over the cap, unauthenticated", "POST /api/briefs HTTP/1.1" + JSON, "x".repeat(1_100_000), 413),
                probe("form body to the API", "PUT /api/briefs/1 HTTP/1.1" + AUTH + FORM, "a=" + "x".repeat(1_100_000), 413),
                // Parameters and headers
                probe("limit zero", "GET /api/briefs?limit=0 HTTP/1.1" + AUTH, "", 400),
                probe("limit not a number", "GET /api/briefs?limit=abc HTTP/1.1" + AUTH, "", 400),
                probe("limit too large", "GET /api/briefs?limit=100000 HTTP/1.1" + AUTH, "", 400),
                probe("limit overflowing", "GET /api/briefs?limit=99999999999999999999 HTTP/1.1" + AUTH, "", 400),
                probe("id not a number", "GET /api/briefs/abc HTTP/1.1" + AUTH, "", 400),
                probe("Idempotency-Key too long", "POST /api/sends HTTP/1.1" + AUTH + JSON + "\r\nIdempotency-Key: " + "k".repeat(201),
                        "{\"frequency\":\"daily\"}", 400),
                probe("Idempotency-Key with control characters", "POST /api/sends HTTP/1.1" + AUTH + JSON
                        + "\r\nIdempotency-Key: a\u0001b", "{\"frequency\":\"daily\"}", 400),
                probe("Idempotency-Key with non-ASCII bytes", "POST /api/sends HTTP/1.1" + AUTH + JSON
                        + "\r\nIdempotency-Key: caf\u00e9", "{\"frequency\":\"daily\"}", 400),
                probe("a number as the frequency", "POST /api/sends HTTP/1.1" + AUTH + JSON, "{\"frequency\":1}", 400),
                // Paths and methods
                probe("unknown API path", "GET /api/no-such-thing HTTP/1.1" + AUTH, "", 404),
                probe("wrong method on an API path", "DELETE /api/briefs HTTP/1.1" + AUTH, "", 405),
                probe("wrong method on an API item", "PUT /api/briefs/1 HTTP/1.1" + AUTH + JSON, "{}", 405),
                probe("unacceptable Accept on the API", "GET /api/briefs?limit=0 HTTP/1.1" + AUTH + "\r\nAccept: text/html", "", 400),
                probe("malformed percent-encoding on the API", "GET /api/briefs/%zz HTTP/1.1" + AUTH, "", 400),
                probe("malformed percent-encoding in an API query", "GET /api/briefs?limit=%zz HTTP/1.1" + AUTH, "", 400),
                probe("invalid UTF-8 in a page query", "GET /subscribe?topics=%ff%fe HTTP/1.1", "", 400),
                probe("encoded NUL on the API", "GET /api/briefs/%00 HTTP/1.1" + AUTH, "", 400),
                probe("encoded dot-dot on the API", "GET /api/briefs/%2e%2e/%2e%2e/subscribe HTTP/1.1" + AUTH, "", 400),
                // Reader pages
                probe("form without a CSRF token", "POST /subscribe HTTP/1.1" + FORM, "email=a%40example.org", 403),
                probe("huge email", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=" + "a".repeat(100_000) + "%40example.org", 400),
                probe("line break in the email", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=a%40example.org%0D%0ABcc%3A+b%40example.org", 400),
                probe("control characters in the email", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=a%01%40example.org", 400),
                probe("too many topics", "POST /subscribe HTTP/1.1" + FORM + MARK,
                        "email=a%40example.org" + "&topics=x".repeat(5_000), 400),
                probe("unknown frequency", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=a%40example.org&frequency=hourly", 400),
                probe("malformed percent-encoding in the form", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=%zz%40example.org", 400),
                probe("invalid UTF-8 in the form", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=%ff%fe%40example.org", 400),
                probe("form over Tomcat's post size", "POST /subscribe HTTP/1.1" + FORM + MARK, "email=" + "a".repeat(3_000_000), 413),
                probe("malformed percent-encoding in a page path", "GET /confirm/%zz HTTP/1.1", "", 400),
                probe("invalid UTF-8 in a page path", "GET /confirm/%c0%af HTTP/1.1", "", 400),
                probe("overlong confirmation token", "GET /confirm/" + "A".repeat(5_000) + " HTTP/1.1", "", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void hostileInputGetsAClear4xx(String name, String head, String body, int expected, CapturedOutput output) {
        RawHttp.Response response = head.contains(MARK) ? withSession(head, body) : raw.send(head, RawHttp.bytes(body));
        assertThat(output.getOut()).as(name + ": nothing a client sends is logged as an ERROR (Tomcat logs its first header-parsing refusal per JVM at INFO)")
                .doesNotContain(" ERROR ");

        assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(expected);
        if (head.contains(" /api")) {
            assertThat(response.header("Content-Type")).as(name).startsWith("application/problem+json");
        }
        assertThat(jdbc.sql("select count(*) from brief").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from send_run").query(Integer.class).single()).isZero();
    }

    /**
     * A request line over Tomcat's limit (8 KB) is refused before its path is read, so not even Tomcat knows it
     * was meant for the API: the answer is Tomcat's plain 400 everywhere.
     */
    @Test
    void aURLTooLongToReadIsA400() {
        assertThat(raw.send("GET /api/briefs?limit=" + "9".repeat(20_000) + " HTTP/1.1" + AUTH, new byte[0]).status())
                .isEqualTo(400);
        assertThat(raw.send("GET /subscribe?topics=" + "x".repeat(20_000) + " HTTP/1.1", new byte[0]).status())
                .isEqualTo(400);
    }

    @ParameterizedTest(name = "chunked: {0}")
    @MethodSource("chunked")
    void aChunkedBodyOverTheCapIsRefusedWhileItStreams(String name, String head, int size, int expected) {
        byte[] body = RawHttp.bytes(brief().replace("What it means.", "x".repeat(size)));

        RawHttp.Response response = raw.sendChunked(head, body);

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    static Stream<Arguments> chunked() {
        return Stream.of(
                Arguments.of("JSON just under the cap is read", "POST /api/briefs HTTP/1.1" + AUTH + JSON, 900_000, 400),
                Arguments.of("JSON over the cap", "POST /api/briefs HTTP/1.1" + AUTH + JSON, 1_500_000, 413),
                Arguments.of("a form read by a filter", "PUT /api/briefs/1 HTTP/1.1" + AUTH + FORM, 1_500_000, 413));
    }

    /** Form posts with a live session and its valid token, so that what is tested is the input, not CSRF. */
    private RawHttp.Response withSession(String head, String body) {
        String[] session = csrfCookieAndForm.split("\n");
        return raw.send(head.replace(MARK, "") + "\r\nCookie: " + session[0], RawHttp.bytes("_csrf=" + session[1] + "&" + body));
    }

    private static Arguments probe(String name, String head, String body, int status) {
        return Arguments.of(name, head, body, status);
    }

    private static String brief() {
        return Json.brief("b1", "Title", List.of("energy-economics"), List.of("iran"), Instant.parse("2026-11-27T10:00:00Z"));
    }

    private static String withPublishedAt(String brief, String value) {
        return brief.replaceAll("\"publishedAt\":\"[^\"]+\"", "\"publishedAt\":" + value.replace("$", "\\$"));
    }
}
