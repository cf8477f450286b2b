package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;

/** Form login, logout, roles, CSRF and throttling against the real security chain and PostgreSQL. */
class StaffLoginTest extends IntegrationTest {

    @Test
    void signedOutVisitorsAreSentToTheLoginPage() {
        Http http = new Http(port);
        Http.Response admin = http.get("/admin");
        assertThat(admin.status()).isEqualTo(302);
        assertThat(admin.header("Location")).endsWith("/login");
        Http.Response login = http.get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
        assertThat(http.get("/swagger-ui.html").header("Location")).endsWith("/login");
        assertThat(http.get("/v3/api-docs").header("Location")).endsWith("/login");
    }

    @Test
    void staffSignInSeeTheDashboardAndSignOut() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = new Http(port);
        assertThat(StaffFixture.signIn(http, "ED@example.org", StaffFixture.PASSWORD).header("Location"))
                .as("addresses are case-insensitive").endsWith("/admin");
        Http.Response dashboard = http.get("/admin");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Dashboard</h1>", "<svg", "ed@example.org");
        assertThat(jdbc.sql("select last_login_at is not null from staff_user").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select action || ' ' || actor from audit_log").query(String.class).list())
                .containsExactly("login.succeeded ed@example.org");

        Http.Response out = http.postForm("/logout", "_csrf", dashboard.csrf());
        assertThat(out.header("Location")).endsWith("/login?logout");
        assertThat(http.get("/admin").header("Location")).endsWith("/login");
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = new Http(port);
        Http.Response wrong = StaffFixture.signIn(http, "ed@example.org", "wrong password!");
        Http.Response unknown = StaffFixture.signIn(http, "nobody@example.org", "wrong password!");
        assertThat(wrong.header("Location")).endsWith("/login?error");
        assertThat(unknown.header("Location")).isEqualTo(wrong.header("Location"));
        assertThat(http.get("/login?error").body()).contains("do not match an account");
        assertThat(jdbc.sql("select action || ' ' || actor from audit_log order by id").query(String.class).list())
                .containsExactly("login.failed ed@example.org", "login.failed unknown account");
    }

    @Test
    void aLoginWithoutCsrfTokenIsRefused() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = new Http(port);
        http.get("/login");
        Http.Response response = http.postForm("/login", "username", "ed@example.org", "password", StaffFixture.PASSWORD);
        assertThat(response.status()).isEqualTo(403);
        assertThat(http.get("/admin").header("Location")).endsWith("/login");
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutesKnownOrNot() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = new Http(port);
        for (int i = 0; i < 5; i++) {
            assertThat(StaffFixture.signIn(http, "ed@example.org", "guess " + i).header("Location")).endsWith("?error");
            assertThat(StaffFixture.signIn(http, "nobody@example.org", "guess " + i).header("Location")).endsWith("?error");
        }
        assertThat(StaffFixture.signIn(http, "ed@example.org", StaffFixture.PASSWORD).header("Location"))
                .as("even the right password is refused while locked").endsWith("/login?locked");
        assertThat(StaffFixture.signIn(http, "nobody@example.org", "guess").header("Location"))
                .as("unknown accounts lock the same way").endsWith("/login?locked");
        assertThat(StaffFixture.signIn(http, "ed@example.org", "guess again").header("Location")).endsWith("?locked");
        assertThat(StaffFixture.signIn(http, "nobody@example.org", "guess again").header("Location")).endsWith("?locked");
        assertThat(http.get("/login?locked").body()).contains("Too many failed sign-ins", "try again in 15 minutes");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'login.refused'").query(Integer.class).single())
                .as("a lock's refusals are logged once, not once per guess").isEqualTo(2);

        clock.advance(Duration.ofMinutes(16));
        assertThat(StaffFixture.signIn(http, "ed@example.org", StaffFixture.PASSWORD).header("Location"))
                .endsWith("/admin");
    }

    /** Every guess is counted before its password is checked, so guesses sent at once cannot all pass the limit. */
    @Test
    void parallelGuessesGetNoMoreTriesThanTheLimit() throws Exception {
        StaffFixture.editor(jdbc, "ed@example.org");
        int guesses = 20;
        List<Http> browsers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            Http browser = new Http(port);
            browsers.add(browser);
            tokens.add(StaffFixture.csrf(browser));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            Http browser = browsers.get(i);
            String csrf = tokens.get(i);
            String guess = "guess " + i;
            answers.add(pool.submit(() -> {
                start.await();
                return browser.postForm("/login", "username", "ed@example.org", "password", guess, "_csrf", csrf)
                        .header("Location");
            }));
        }
        start.countDown();
        int checked = 0;
        for (Future<String> answer : answers) {
            String location = answer.get(60, TimeUnit.SECONDS);
            assertThat(location).matches(".*/login\\?(error|locked)");
            checked += location.endsWith("?error") ? 1 : 0;
        }
        pool.shutdown();

        // guesses in flight count against each other, so fewer than five may get through, never more
        assertThat(checked).as("passwords checked").isLessThanOrEqualTo(5);
        assertThat(jdbc.sql("select count(*) from login_failure").query(Integer.class).single())
                .as("refused guesses are not counted as failures").isEqualTo(checked);
    }

    @Test
    void manyAccountsFromOneAddressLockThatAddress() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = new Http(port);
        for (int i = 0; i < 20; i++) {
            StaffFixture.signIn(http, "guess" + i + "@example.org", "guess");
        }
        assertThat(StaffFixture.signIn(http, "ed@example.org", StaffFixture.PASSWORD).header("Location"))
                .endsWith("/login?locked");
    }

    /** An IPv6 client usually holds a whole /64: guesses from fresh addresses in it count as one client. */
    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = new Http(port);
        for (int i = 0; i < 20; i++) {
            signInFrom(http, "guess" + i + "@example.org", "guess", "2001:db8:1:2::" + (i + 1));
        }
        assertThat(signInFrom(http, "ed@example.org", StaffFixture.PASSWORD, "2001:db8:1:2:ffff::1").header("Location"))
                .endsWith("/login?locked");
        assertThat(signInFrom(http, "ed@example.org", StaffFixture.PASSWORD, "2001:db8:1:3::1").header("Location"))
                .as("the next /64 is another client").endsWith("/admin");
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        StaffFixture.editor(jdbc, "ed@example.org");
        jdbc.sql("update staff_user set enabled = false").update();
        assertThat(StaffFixture.signIn(new Http(port), "ed@example.org", StaffFixture.PASSWORD).header("Location"))
                .endsWith("/login?error");
    }

    @Test
    void disablingAnAccountEndsItsSessionAtOnce() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = StaffFixture.signIn(port, "ed@example.org");
        assertThat(http.get("/admin").status()).isEqualTo(200);
        jdbc.sql("update staff_user set enabled = false").update();
        assertThat(http.get("/admin").header("Location")).endsWith("/login");
    }

    @Test
    void anEditorGetsA403PageOnAdminPages() {
        StaffFixture.editor(jdbc, "ed@example.org");
        Http http = StaffFixture.signIn(port, "ed@example.org");
        assertThat(http.get("/admin/staff").status()).isEqualTo(403);
        assertThat(http.get("/admin/audit").status()).isEqualTo(403);
        assertThat(http.get("/admin/api-tokens").status()).isEqualTo(403);
        assertThat(http.get("/admin").status()).isEqualTo(200);
    }

    /** Signs in from {@code client}, as a trusted proxy's X-Forwarded-For says. */
    private static Http.Response signInFrom(Http http, String email, String password, String client) {
        String csrf = StaffFixture.csrf(http);
        return http.post("/login", "application/x-www-form-urlencoded", "username=" + encode(email) + "&password="
                + encode(password) + "&_csrf=" + encode(csrf), "X-Forwarded-For", client);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
