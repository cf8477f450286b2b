package org.policyalerts.guard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.policyalerts.Http;

/** A browser on the sign-up form: loads it once (session and CSRF token), then posts it as often as told. */
final class Forms {

    private final Http http;
    private final String csrf;

    Forms(int port) {
        http = new Http(port);
        csrf = http.get("/subscribe").csrf();
    }

    /** Posts the sign-up form for {@code email} from {@code client} (as a trusted proxy's X-Forwarded-For says). */
    Http.Response signUp(String email, String client, String... moreFields) {
        List<String> fields = new ArrayList<>(List.of("_csrf", csrf, "email", email, "frequency", "daily",
                "match", "any"));
        fields.addAll(List.of(moreFields));
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fields.size(); i += 2) {
            pairs.add(encode(fields.get(i)) + "=" + encode(fields.get(i + 1)));
        }
        return http.post("/subscribe", "application/x-www-form-urlencoded", String.join("&", pairs),
                "X-Forwarded-For", client, "Accept", "text/html");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
