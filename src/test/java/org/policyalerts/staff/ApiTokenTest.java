package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;

/** Named API tokens: created by admins, shown once, stored hashed, accepted by the API, revoked; and the API docs. */
class ApiTokenTest extends IntegrationTest {

    @Test
    void anAdminCreatesATokenThatTheApiAcceptsUntilItIsRevoked() {
        StaffFixture.admin(jdbc, "boss@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String csrf = admin.get("/admin/api-tokens").csrf();
        assertThat(admin.postForm("/admin/api-tokens", "_csrf", csrf, "name", "feed importer").status()).isEqualTo(302);
        String page = admin.get("/admin/api-tokens").body();
        Matcher m = Pattern.compile("id=\"created-token\">([^<]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(admin.get("/admin/api-tokens").body()).as("shown once").doesNotContain(token).contains("feed importer");
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = sha256(convert_to(:t, 'UTF8'))")
                .param("t", token).query(Integer.class).single()).as("stored as its SHA-256").isEqualTo(1);

        Http tool = new Http(port);
        assertThat(tool.get("/api/briefs", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(jdbc.sql("select last_used_at is not null from api_token").query(Boolean.class).single()).isTrue();
        assertThat(tool.get("/api/briefs", "Authorization", "Bearer " + token + "x").status()).isEqualTo(401);
        assertThat(tool.getApi("/api/briefs").status()).as("ALERTS_API_TOKEN still works").isEqualTo(200);

        long id = jdbc.sql("select id from api_token").query(Long.class).single();
        assertThat(admin.postForm("/admin/api-tokens/" + id + "/revoke", "_csrf", csrf).status()).isEqualTo(302);
        assertThat(tool.get("/api/briefs", "Authorization", "Bearer " + token).status()).isEqualTo(401);
        assertThat(admin.postForm("/admin/api-tokens/" + id + "/revoke", "_csrf", csrf).status())
                .as("already revoked").isEqualTo(404);
        assertThat(jdbc.sql("select action || ' ' || detail from audit_log where action like 'api-token.%' order by id")
                .query(String.class).list()).containsExactly("api-token.created feed importer",
                        "api-token.revoked feed importer");
    }

    /** The API is for tokens only: a staff session, even an admin's, is no way in, and no CSRF-free door either. */
    @Test
    void aStaffSessionCookieGetsA401OnTheApi() {
        StaffFixture.admin(jdbc, "boss@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        assertThat(admin.get("/admin").status()).as("signed in").isEqualTo(200);

        assertThat(admin.get("/api/briefs").status()).isEqualTo(401);
        assertThat(admin.post("/api/briefs", "application/json", "{\"title\": \"t\"}").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from brief").query(Integer.class).single()).isZero();
    }

    /** Staff code times its audit entries by the application's clock, like everything else it records. */
    @Test
    void tokenActionsAreAuditedAtTheApplicationsTime() {
        Instant then = Instant.parse("2026-05-01T10:00:00Z");
        clock.set(then);
        StaffFixture.admin(jdbc, "boss@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String csrf = admin.get("/admin/api-tokens").csrf();
        assertThat(admin.postForm("/admin/api-tokens", "_csrf", csrf, "name", "importer").status()).isEqualTo(302);

        assertThat(jdbc.sql("select at from audit_log where action = 'api-token.created'").query(Timestamp.class)
                .single().toInstant()).isEqualTo(then);
    }

    @Test
    void aTokenNeedsAFreeNameAndAnAdmin() {
        StaffFixture.admin(jdbc, "boss@example.org");
        StaffFixture.editor(jdbc, "ed@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String csrf = admin.get("/admin/api-tokens").csrf();
        Http.Response blank = admin.postForm("/admin/api-tokens", "_csrf", csrf, "name", " ");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"name-error\"");
        admin.postForm("/admin/api-tokens", "_csrf", csrf, "name", "cms");
        Http.Response twice = admin.postForm("/admin/api-tokens", "_csrf", csrf, "name", "CMS");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("already has this name");
        assertThat(admin.postForm("/admin/api-tokens", "name", "no csrf").status()).isEqualTo(403);

        Http editor = StaffFixture.signIn(port, "ed@example.org");
        assertThat(editor.get("/admin/api-tokens").status()).isEqualTo(403);
        assertThat(editor.postForm("/admin/api-tokens", "_csrf", editor.get("/admin").csrf(), "name", "mine").status())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from api_token").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theApiDescriptionIsForSignedInStaffAndNamesTheBearerScheme() {
        StaffFixture.editor(jdbc, "ed@example.org");
        assertThat(new Http(port).get("/v3/api-docs").header("Location")).endsWith("/login");
        assertThat(new Http(port).getApi("/v3/api-docs").status()).as("not opened by the API token").isEqualTo(302);
        Http editor = StaffFixture.signIn(port, "ed@example.org");
        Http.Response docs = editor.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("\"/api/briefs\"", "\"/api/sends\"", "\"scheme\":\"bearer\"")
                .doesNotContain("\"/admin", "\"/subscribe", "\"/login");
        assertThat(editor.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
