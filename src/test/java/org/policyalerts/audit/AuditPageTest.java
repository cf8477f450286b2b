package org.policyalerts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** Published StaffActions land in audit_log; admins page and filter them at /admin/audit; editors may not. */
class AuditPageTest extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void adminsPageAndFilterTheLog() {
        for (int i = 0; i < 60; i++) {
            events.publishEvent(new StaffAction(i % 2 == 0 ? "ada@example.org" : "bob@example.org",
                    i % 3 == 0 ? "brief.published" : "send.started", "brief " + i, "detail " + i, "192.0.2.1",
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        StaffFixture.admin(jdbc, "boss@example.org");
        Http admin = StaffFixture.signIn(port, "boss@example.org");

        String first = admin.get("/admin/audit").body();
        assertThat(first).contains("login.succeeded", "brief 59", "192.0.2.1", "rel=\"next\"").doesNotContain(">brief 9<");
        String second = admin.get("/admin/audit?page=2").body();
        assertThat(second).contains(">brief 9<", "rel=\"prev\"").doesNotContain("rel=\"next\"");

        String filtered = admin.get("/admin/audit?actor=ADA&action=brief.published").body();
        assertThat(filtered).contains(">brief 54<", ">brief 0<").doesNotContain(">brief 3<", ">brief 2<", "rel=\"next\"");
        assertThat(admin.get("/admin/audit?actor=%25").body()).as("LIKE wildcards are literal").contains("Nothing recorded");
        assertThat(admin.get("/admin/audit?page=abc").status()).isEqualTo(400);
    }

    @Test
    void editorsCannotReadTheLog() {
        StaffFixture.editor(jdbc, "ed@example.org");
        assertThat(StaffFixture.signIn(port, "ed@example.org").get("/admin/audit").status()).isEqualTo(403);
    }
}
