package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;

/** /admin/staff: admins add staff, change roles, disable accounts; the last admin stays. */
class StaffAdminTest extends IntegrationTest {

    @Test
    void anAdminAddsAnEditorWithAGeneratedPasswordShownOnce() {
        StaffFixture.admin(jdbc, "boss@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String csrf = admin.get("/admin/staff/new").csrf();
        Http.Response added = admin.postForm("/admin/staff/new", "_csrf", csrf, "email", "new@example.org",
                "displayName", "New Editor", "role", "EDITOR", "password", "");
        assertThat(added.status()).isEqualTo(302);
        String page = admin.get("/admin/staff").body();
        Matcher m = Pattern.compile("id=\"generated-password\">([^<]+)<").matcher(page);
        assertThat(m.find()).as("generated password shown").isTrue();
        assertThat(admin.get("/admin/staff").body()).as("shown once").doesNotContain("generated-password")
                .contains("New Editor", "new@example.org");

        Http editor = new Http(port);
        assertThat(StaffFixture.signIn(editor, "new@example.org", m.group(1)).header("Location")).endsWith("/admin");
        assertThat(editor.get("/admin/staff").status()).isEqualTo(403);
        assertThat(jdbc.sql("select password_hash from staff_user where email = 'new@example.org'")
                .query(String.class).single()).startsWith("{bcrypt}");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target from audit_log where action like 'staff.%'")
                .query(String.class).single()).isEqualTo("boss@example.org staff.added staff 2");
    }

    @Test
    void badInputIsShownAgainWithFieldErrors() {
        StaffFixture.admin(jdbc, "boss@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String csrf = admin.get("/admin/staff/new").csrf();
        Http.Response bad = admin.postForm("/admin/staff/new", "_csrf", csrf, "email", "not an address",
                "displayName", "", "role", "OWNER", "password", "short");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"email-error\"", "id=\"displayName-error\"", "id=\"role-error\"",
                "id=\"password-error\"", "At least 12 characters");
        Http.Response taken = admin.postForm("/admin/staff/new", "_csrf", csrf, "email", "BOSS@example.org",
                "displayName", "Again", "role", "ADMIN", "password", "a long enough password");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("already has an account");
        assertThat(jdbc.sql("select count(*) from staff_user").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorDisabled() {
        long boss = StaffFixture.admin(jdbc, "boss@example.org");
        long ed = StaffFixture.editor(jdbc, "ed@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String csrf = admin.get("/admin/staff").csrf();

        admin.postForm("/admin/staff/" + boss + "/role", "_csrf", csrf, "role", "EDITOR");
        assertThat(admin.get("/admin/staff").body()).contains(StaffController.LAST_ADMIN.replace("'", "&#39;"));
        admin.postForm("/admin/staff/" + boss + "/enabled", "_csrf", csrf, "enabled", "false");
        assertThat(jdbc.sql("select role || ' ' || enabled from staff_user where id = :id").param("id", boss)
                .query(String.class).single()).isEqualTo("admin true");

        admin.postForm("/admin/staff/" + ed + "/role", "_csrf", csrf, "role", "ADMIN");
        admin.postForm("/admin/staff/" + boss + "/role", "_csrf", csrf, "role", "EDITOR");
        assertThat(jdbc.sql("select role from staff_user order by id").query(String.class).list())
                .containsExactly("editor", "admin");
        assertThat(admin.get("/admin/staff").header("Location")).as("a changed role ends the session at once")
                .endsWith("/login");

        Http newAdmin = StaffFixture.signIn(port, "ed@example.org");
        String csrf2 = newAdmin.get("/admin/staff").csrf();
        newAdmin.postForm("/admin/staff/" + boss + "/enabled", "_csrf", csrf2, "enabled", "false");
        assertThat(jdbc.sql("select enabled from staff_user where id = :id").param("id", boss).query(Boolean.class)
                .single()).isFalse();
        assertThat(StaffFixture.signIn(new Http(port), "boss@example.org", StaffFixture.PASSWORD).header("Location"))
                .endsWith("/login?error");
        assertThat(jdbc.sql("select action from audit_log where action like 'staff.%' order by id").query(String.class)
                .list()).containsExactly("staff.role-changed", "staff.role-changed", "staff.disabled");
    }

    @Test
    void formsWithoutCsrfTokenAndBadValuesAreRefused() {
        long boss = StaffFixture.admin(jdbc, "boss@example.org");
        long ed = StaffFixture.editor(jdbc, "ed@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        assertThat(admin.postForm("/admin/staff/" + ed + "/role", "role", "ADMIN").status()).isEqualTo(403);
        assertThat(admin.postForm("/admin/staff/new", "email", "x@example.org", "displayName", "X", "role", "ADMIN")
                .status()).isEqualTo(403);
        String csrf = admin.get("/admin/staff").csrf();
        assertThat(admin.postForm("/admin/staff/" + ed + "/role", "_csrf", csrf, "role", "OWNER").status()).isEqualTo(400);
        assertThat(admin.postForm("/admin/staff/999/role", "_csrf", csrf, "role", "ADMIN").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from staff_user where role = 'admin'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(boss).isPositive();
    }
}
