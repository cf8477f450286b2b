package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a reader does through the pages, for the reader-side tests: one place, so each test reads as its story. */
public record ReaderSteps(int port, JdbcClient jdbc) {

    public static final String USER_AGENT = "ReaderSteps/1.0 (test browser)";

    /** Posts a form from {@code page} (for its session and CSRF token) as a browser with {@link #USER_AGENT}. */
    public static Http.Response post(Http http, String page, String action, String... fields) {
        List<String> pairs = new ArrayList<>();
        pairs.add("_csrf=" + encode(http.get(page).csrf()));
        for (int i = 0; i < fields.length; i += 2) {
            pairs.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
        }
        return http.post(action, "application/x-www-form-urlencoded", String.join("&", pairs), "User-Agent", USER_AGENT);
    }

    public String token(String email) {
        return jdbc.sql("select manage_token from subscriber where lower(email) = lower(:email)").param("email", email)
                .query(String.class).single();
    }

    /** Asks for an immediate run through the staff API and waits until it is done; returns the run. */
    public Map<String, Object> runImmediate() {
        Http staff = new Http(port);
        String run = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
        Awaitility.await().until(() -> Json.object(staff.getApi(run).body()).get("status").equals("done"));
        return Json.object(staff.getApi(run).body());
    }

    /** The path and query of the first link in {@code text} to {@code prefix}, e.g. "/preferences/". */
    public static String link(String text, String prefix) {
        Matcher m = Pattern.compile("https://alerts\\.example\\.org(" + Pattern.quote(prefix) + "[^\\s\"<]*)").matcher(text);
        assertThat(m.find()).as("a link to " + prefix + " in:\n" + text).isTrue();
        return m.group(1);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
