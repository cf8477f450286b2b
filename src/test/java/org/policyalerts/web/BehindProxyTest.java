package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;

/**
 * Behind a TLS-terminating reverse proxy on an internal address (here: loopback), the service believes its
 * X-Forwarded-* headers: redirects stay on https and the session cookie is Secure. Every answer carries the
 * privacy headers.
 */
class BehindProxyTest extends IntegrationTest {

    private static final String[] PROXIED = {"X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"};

    @Test
    void aSignUpBehindTheProxyRedirectsToHttps() {
        Http http = new Http(port);
        String csrf = http.get("/subscribe").csrf();

        Http.Response response = http.post("/subscribe", "application/x-www-form-urlencoded",
                "_csrf=" + csrf + "&email=reader%40example.org&frequency=daily&match=any", PROXIED);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith("https://").endsWith("/subscribe/check-inbox");
    }

    @Test
    void theSessionCookieIsSecureBehindTheProxyOnly() {
        assertThat(new Http(port).get("/subscribe", PROXIED).header("Set-Cookie"))
                .startsWith("JSESSIONID=").containsIgnoringCase("; Secure");
        assertThat(new Http(port).get("/subscribe").header("Set-Cookie"))
                .startsWith("JSESSIONID=").doesNotContainIgnoringCase("Secure");
    }

    @Test
    void everyAnswerSendsReferrerAndPermissionsPolicies() {
        Http http = new Http(port);
        for (Http.Response response : new Http.Response[] {
                http.get("/subscribe"), http.get("/no-such-page"), http.get("/css/site.css"), http.get("/api/briefs")}) {
            assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(response.header("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()");
        }
    }
}
