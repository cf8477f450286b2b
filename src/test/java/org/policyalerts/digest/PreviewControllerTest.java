package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyalerts.digest.AdminMvc.editor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** Preview and test-send of a brief's email, through the running service. */
@RecordApplicationEvents
class PreviewControllerTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Briefs briefs;

    @Autowired
    ApplicationEvents events;

    MockMvc mvc;
    long brief;
    long reader;

    @BeforeEach
    void setUp() {
        StaffFixture.editor(jdbc, AdminMvc.EDITOR);
        mvc = AdminMvc.of(context);
        reader = new Fixtures(jdbc).reader("Reader@Example.org", "daily", clock.instant().minus(Duration.ofHours(1)),
                "*/iran");
        brief = publish("b1", "Oil & <gas> in Iran", List.of("iran"), clock.instant());
    }

    @Test
    void showsAReadersEmailHtmlAndTextWithoutTheirToken() throws Exception {
        String page = ok(get("/admin/briefs/" + brief + "/preview").param("reader", "reader@example.org"));
        assertThat(page).contains("As reader " + reader + " (daily, active) would get it", "Reader@Example.org",
                "<dd class=\"subject\">Oil &amp; &lt;gas&gt; in Iran</dd>", "Oil &amp; &lt;gas&gt; in Iran", "/admin/briefs/" + brief + "/preview/html?reader=",
                "sandbox", "Send a test to my address");
        String token = jdbc.sql("select manage_token from subscriber").query(String.class).single();
        assertThat(page).doesNotContain(token).contains("/unsubscribe/preview");

        MockHttpServletResponse html = mvc.perform(get("/admin/briefs/" + brief + "/preview/html")
                .param("reader", String.valueOf(reader)).with(editor())).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(html.getContentAsString()).contains("Oil &amp; &lt;gas&gt; in Iran").doesNotContain(token);
        // one policy, ours: its frame-ancestors 'self' lets the preview page frame it (and takes precedence over
        // X-Frame-Options in browsers)
        assertThat(html.getHeaders("Content-Security-Policy")).containsExactly(PreviewController.FRAME_POLICY);
        assertThat(html.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    }

    @Test
    void showsMadeUpFollowsInALanguage() throws Exception {
        String page = ok(get("/admin/briefs/" + brief + "/preview").param("topics", "energy-economics")
                .param("regions", "iran").param("language", "en"));
        assertThat(page).contains("As a made-up reader would get it", "reader@example.org", "Oil &amp; &lt;gas&gt; in Iran");
    }

    @Test
    void showsEverythingTheReadersNextDigestWouldCarry() throws Exception {
        publish("b2", "Second on Iran", List.of("iran"), clock.instant());
        publish("b3", "Syria only", List.of("syria"), clock.instant());
        String page = ok(get("/admin/briefs/" + brief + "/preview").param("reader", String.valueOf(reader))
                .param("what", "next"));
        assertThat(page).contains("2 new briefs", "Second on Iran", "Oil &amp; &lt;gas&gt; in Iran").doesNotContain("Syria only");

        jdbc.sql("update subscriber set status = 'unsubscribed'").update();
        assertThat(ok(get("/admin/briefs/" + brief + "/preview").param("reader", String.valueOf(reader))
                .param("what", "next"))).contains("Nothing would go in their next digest");
    }

    @Test
    void badChoicesAreFieldErrors() throws Exception {
        String unknown = mvc.perform(get("/admin/briefs/" + brief + "/preview").param("reader", "nobody@example.org")
                .with(editor())).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(unknown).contains("No reader has that id or address");
        String slugs = mvc.perform(get("/admin/briefs/" + brief + "/preview").param("topics", "knitting")
                .param("language", "english").with(editor())).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(slugs).contains("Unknown topics: knitting", "Language must be a two-letter code");
        mvc.perform(get("/admin/briefs/" + brief + "/preview").param("what", "next").with(editor()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/briefs/999/preview").with(editor())).andExpect(status().isNotFound());
    }

    @Test
    void testSendsToTheSignedInStaffAddressThroughTheOutbox() throws Exception {
        mvc.perform(post("/admin/briefs/" + brief + "/preview/test-send").param("reader", String.valueOf(reader))
                        .param("what", "brief").with(editor()).with(csrf()))
                .andExpect(status().is3xxRedirection());

        MimeMessage mail = awaitMail(1).get(0);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(AdminMvc.EDITOR);
        assertThat(mail.getSubject()).isEqualTo("[Test] Oil & <gas> in Iran");
        String token = jdbc.sql("select manage_token from subscriber").query(String.class).single();
        assertThat(MailParts.text(mail)).contains("Oil & <gas> in Iran", "/unsubscribe/preview").doesNotContain(token);
        assertThat(jdbc.sql("select count(*) from delivery where subscriber_id is null and kind = 'transactional'")
                .query(Integer.class).single()).as("to no reader").isEqualTo(1);
        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action).containsExactly("brief.test-sent");
        assertThat(events.stream(StaffAction.class).findFirst().orElseThrow().detail()).doesNotContain("@");
    }

    @Test
    void testSendNeedsCsrfAndAnAddressToSendTo() throws Exception {
        mvc.perform(post("/admin/briefs/" + brief + "/preview/test-send").with(editor())).andExpect(status().isForbidden());
        // someone who is not (or no longer) a member of staff is signed out by the session check: nothing is sent
        mvc.perform(post("/admin/briefs/" + brief + "/preview/test-send").with(user("gone@example.org").roles("EDITOR"))
                .with(csrf())).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        // a staff account whose sign-in name is no address (an ALERTS_ADMIN_* account can be named anything)
        StaffFixture.editor(jdbc, "ed");
        String page = mvc.perform(post("/admin/briefs/" + brief + "/preview/test-send").with(user("ed").roles("EDITOR"))
                .with(csrf())).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Your sign-in name is not an email address");
        assertThat(jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isZero();
    }

    private String ok(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(editor())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long publish(String id, String title, List<String> regions, Instant at) {
        return briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", title, null, List.of(),
                at, "en", List.of(), regions)).brief().id();
    }
}
