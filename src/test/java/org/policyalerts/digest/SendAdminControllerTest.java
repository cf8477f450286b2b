package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.policyalerts.digest.AdminMvc.editor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.policyalerts.jdbc.Sql;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** The sends pages: idempotent "Send now", a run's page with live progress and recipients, retry and cancel. */
@RecordApplicationEvents
class SendAdminControllerTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Briefs briefs;

    @Autowired
    ApplicationEvents events;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        StaffFixture.editor(jdbc, AdminMvc.EDITOR);
        mvc = AdminMvc.of(context);
    }

    @Test
    void sendNowTwiceWithTheSameFormGivesOneRun() throws Exception {
        String form = mvc.perform(get("/admin/sends").with(editor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String key = form.replaceAll("(?s).*name=\"requestKey\" value=\"([^\"]+-daily)\".*", "$1");
        assertThat(key).endsWith("-daily").hasSizeLessThan(100);

        String first = sendNow("daily", key).getRedirectedUrl();
        String second = sendNow("daily", key).getRedirectedUrl();
        assertThat(first).isEqualTo(second).startsWith("/admin/sends/");
        assertThat(jdbc.sql("select trigger from send_run").query(String.class).list()).containsExactly("staff");
        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action).contains("send.requested");

        mvc.perform(post("/admin/sends").param("frequency", "hourly").param("requestKey", "k").with(editor()).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/sends").param("frequency", "daily").with(editor()).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/sends").param("frequency", "weekly").param("requestKey", key).with(editor()).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/sends").param("frequency", "daily").param("requestKey", "other").with(editor()))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from send_run").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aRunPageRefreshesWhileRunningAndShowsEachRecipientsReply() throws Exception {
        long reader = new Fixtures(jdbc).reader("r1@example.org", "daily", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        briefs.publish(new BriefInput("b1", "https://example.org/b1", null, "Title", null, List.of(), clock.instant(),
                "en", List.of(), List.of("iran")));
        String run = sendNow("daily", "k1").getRedirectedUrl();

        await().atMost(Duration.ofSeconds(20)).until(() -> runPage(run).getHeader("Refresh") == null);
        MockHttpServletResponse done = runPage(run);
        assertThat(done.getContentAsString()).contains("<strong class=\"run-status\">done</strong>",
                "Send now in the admin UI (daily)", "<td class=\"sent\">1</td>", "<td class=\"matched\">1</td>",
                "r1@example.org", ">" + reader + "<", "250").doesNotContain(">Cancel<");
        mvc.perform(post(run + "/cancel").with(editor()).with(csrf())).andExpect(status().isConflict());

        assertThat(runPage("/admin/sends").getContentAsString()).contains(run);
        mvc.perform(get("/admin/sends/999").with(editor())).andExpect(status().isNotFound());
        mvc.perform(get(run + "?page=-1").with(editor())).andExpect(status().isBadRequest());
    }

    @Test
    void aRunPageShowsTheBouncesAndComplaintsOfEachRecipient() throws Exception {
        Fixtures fixtures = new Fixtures(jdbc);
        long bounced = fixtures.reader("bounced@example.org", "daily", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        fixtures.reader("quiet@example.org", "daily", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        briefs.publish(new BriefInput("b1", "https://example.org/b1", null, "Title", null, List.of(), clock.instant(),
                "en", List.of(), List.of("iran")));
        String run = sendNow("daily", "k1").getRedirectedUrl();
        await().atMost(Duration.ofSeconds(20)).until(() -> runPage(run).getHeader("Refresh") == null);
        long delivery = jdbc.sql("select id from delivery where subscriber_id = :id").param("id", bounced)
                .query(Long.class).single();
        // as the bounce mailbox records them: a soft bounce, then a complaint, for the same delivery
        jdbc.sql("""
                insert into bounce_event (report_id, subscriber_id, delivery_id, kind, status, detail, received_at)
                values ('r1', :s, :d, 'soft-bounce', '4.2.2', 'mailbox full', '2026-01-01T10:00:00Z'),
                       ('r2', :s, :d, 'complaint', null, 'abuse', '2026-01-01T11:00:00Z')""")
                .param("s", bounced).param("d", delivery).update();

        String page = runPage(run).getContentAsString();
        String bouncedRow = row(page, "bounced@example.org");
        assertThat(bouncedRow).contains("<li>soft-bounce 4.2.2 (mailbox full), 2026-01-01 10:00 UTC</li>",
                "<li>complaint (abuse), 2026-01-01 11:00 UTC</li>");
        assertThat(bouncedRow.indexOf("soft-bounce")).as("oldest first").isLessThan(bouncedRow.indexOf("complaint"));
        assertThat(row(page, "quiet@example.org")).doesNotContain("<li>");
    }

    /** The recipients table's row for this address. */
    private static String row(String page, String email) {
        String row = page.replaceAll("(?s).*(<tr>(?:(?!</tr>).)*<td>" + email.replace(".", "\\.") + "</td>.*?</tr>).*", "$1");
        assertThat(row).as("a row for " + email).startsWith("<tr>").endsWith("</tr>");
        return row;
    }

    @Test
    void cancelStopsARunInProgress() throws Exception {
        long reader = new Fixtures(jdbc).reader("r1@example.org", "daily", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        long brief = briefs.publish(new BriefInput("b1", "https://example.org/b1", null, "Title", null, List.of(),
                clock.instant(), "en", List.of(), List.of("iran"))).brief().id();
        // a run part-planned, whose one digest waits until tomorrow: in progress for as long as the test looks
        long run = jdbc.sql("insert into send_run (frequency, trigger, cutoff, created_at, planned_through) "
                        + "values ('daily', 'staff', :now, :now, :reader) returning id")
                .param("now", Sql.utc(clock.instant())).param("reader", reader).query(Long.class).single();
        long delivery = jdbc.sql("insert into delivery (run_id, subscriber_id, next_attempt_at, message_id, created_at) "
                        + "values (:run, :reader, :later, 'm1', :now) returning id")
                .param("run", run).param("reader", reader).param("now", Sql.utc(clock.instant()))
                .param("later", Sql.utc(clock.instant().plus(Duration.ofDays(1)))).query(Long.class).single();
        jdbc.sql("insert into delivery_brief values (:reader, :brief, :delivery)")
                .param("reader", reader).param("brief", brief).param("delivery", delivery).update();

        MockHttpServletResponse running = runPage("/admin/sends/" + run);
        assertThat(running.getHeader("Refresh")).isEqualTo(String.valueOf(SendAdminController.REFRESH_SECONDS));
        assertThat(running.getContentAsString()).contains(">Cancel<", "<td class=\"queued\">1</td>");

        mvc.perform(post("/admin/sends/" + run + "/cancel").with(editor())).andExpect(status().isForbidden());
        mvc.perform(post("/admin/sends/" + run + "/cancel").with(editor()).with(csrf()))
                .andExpect(status().is3xxRedirection());

        MockHttpServletResponse cancelled = runPage("/admin/sends/" + run);
        assertThat(cancelled.getHeader("Refresh")).isNull();
        assertThat(cancelled.getContentAsString()).contains("<strong class=\"run-status\">cancelled</strong>",
                "<td class=\"cancelled\">1</td>", "the run was cancelled by staff");
        assertThat(jdbc.sql("select count(*) from delivery_brief").query(Integer.class).single()).isZero();
        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action).containsExactly("send.cancelled");
    }

    @Test
    void retryQueuesFailedDigestsAgain() throws Exception {
        long reader = new Fixtures(jdbc).reader("r1@example.org", "daily", clock.instant().minus(Duration.ofHours(1)), "*/iran");
        long brief = briefs.publish(new BriefInput("b1", "https://example.org/b1", null, "Title", null, List.of(),
                clock.instant(), "en", List.of(), List.of("iran"))).brief().id();
        long run = jdbc.sql("insert into send_run (frequency, trigger, cutoff, created_at, planned_at) "
                        + "values ('daily', 'staff', :now, :now, :now) returning id")
                .param("now", Sql.utc(clock.instant())).query(Long.class).single();
        long delivery = jdbc.sql("insert into delivery (run_id, subscriber_id, status, attempts, next_attempt_at, "
                        + "message_id, smtp_reply, created_at) values (:run, :reader, 'failed', 5, :now, 'm1', "
                        + "'451 try later', :now) returning id")
                .param("run", run).param("reader", reader).param("now", Sql.utc(clock.instant())).query(Long.class).single();
        jdbc.sql("insert into delivery_brief values (:reader, :brief, :delivery)")
                .param("reader", reader).param("brief", brief).param("delivery", delivery).update();

        assertThat(runPage("/admin/sends/" + run).getContentAsString()).contains("451 try later", "Retry failed",
                "done_with_failures");
        mvc.perform(post("/admin/sends/" + run + "/retry").with(editor()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        awaitMail(1);
        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action).containsExactly("send.retried");
    }

    private MockHttpServletResponse sendNow(String frequency, String key) throws Exception {
        return mvc.perform(post("/admin/sends").param("frequency", frequency).param("requestKey", key)
                .with(editor()).with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse();
    }

    private MockHttpServletResponse runPage(String path) throws Exception {
        return mvc.perform(get(path).with(editor())).andExpect(status().isOk()).andReturn().getResponse();
    }
}
