package org.policyalerts.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The briefs admin pages through the real security chain (CSRF, staff session check) and database. Staff are signed
 * in with spring-security-test's {@code user(...)}, backed by a staff_user row the session check accepts.
 */
@RecordApplicationEvents
class BriefAdminControllerTest extends IntegrationTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    @Autowired
    WebApplicationContext context;

    @Autowired
    Briefs briefs;

    @Autowired
    ApplicationEvents events;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        StaffFixture.editor(jdbc, "editor@example.org");
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void createsADraftThatTheApiListsAsDraftThenPublishesItLater() throws Exception {
        String location = mvc.perform(form(post("/admin/briefs"), "draft", "A draft")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring("/admin/briefs/".length()));
        Brief draft = briefs.find(id).orElseThrow();
        assertThat(draft.state()).isEqualTo(BriefState.DRAFT);
        assertThat(draft.topics()).containsExactly("energy-economics");
        assertThat(draft.regions()).containsExactly("iran", "syria");
        assertThat(draft.authors()).containsExactly("Ann Author", "Bo Writer");
        assertThat(draft.externalId()).startsWith("admin-");

        List<Map<String, Object>> drafts = Json.array(new Http(port).getApi("/api/briefs?state=draft").body());
        assertThat(drafts).extracting(b -> b.get("title")).containsExactly("A draft");
        assertThat(drafts.get(0)).containsEntry("state", "draft").containsEntry("urgent", false);
        assertThat(new Http(port).getApi("/api/briefs?state=nonsense").status()).isEqualTo(400);

        String later = LOCAL.format(clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES));
        mvc.perform(form(post("/admin/briefs/" + id), "publish", "A draft").param("publishedAt", later))
                .andExpect(redirectedUrl("/admin/briefs/" + id));
        assertThat(briefs.find(id).orElseThrow().state()).isEqualTo(BriefState.SCHEDULED);
        assertThat(briefs.find(id).orElseThrow().externalId()).isEqualTo(draft.externalId());

        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action, StaffAction::target, StaffAction::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("brief.created", "brief " + id, "editor@example.org"),
                        org.assertj.core.groups.Tuple.tuple("brief.updated", "brief " + id, "editor@example.org"));
    }

    @Test
    void theSameEditSentAgainIsNotAuditedAgain() throws Exception {
        String at = LOCAL.format(clock.instant().truncatedTo(ChronoUnit.MINUTES));
        String location = mvc.perform(form(post("/admin/briefs"), "publish", "Once").param("publishedAt", at))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(form(post(location), "publish", "Once, corrected").param("publishedAt", at))
                .andExpect(redirectedUrl(location));
        mvc.perform(form(post(location), "publish", "Once, corrected").param("publishedAt", at))
                .andExpect(redirectedUrl(location));

        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action, StaffAction::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("brief.created", "published: Once"),
                        org.assertj.core.groups.Tuple.tuple("brief.updated", "published: Once, corrected"));
    }

    @Test
    void badInputComesBackWithFieldErrorsAnd400() throws Exception {
        String page = mvc.perform(post("/admin/briefs").with(editor()).with(csrf())
                        .param("action", "publish")
                        .param("title", " ")
                        .param("url", "javascript:alert(1)")
                        .param("topics", "knitting")
                        .param("publishedAt", "tomorrow"))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("title must not be blank", "url must be an absolute http(s) URL",
                "unknown topics: knitting", "publishedAt must be a date and time", "has-error");
        assertThat(page).as("what was typed is kept").contains("javascript:alert(1)");
        assertThat(count()).isZero();

        String lineBreak = mvc.perform(form(post("/admin/briefs"), "publish", "Title\r\nBcc: x@example.org"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(lineBreak).contains("title must be a single line");
        mvc.perform(form(post("/admin/briefs"), "explode", "T")).andExpect(status().isBadRequest());
        assertThat(count()).isZero();
    }

    @Test
    void everyFormNeedsItsCsrfToken() throws Exception {
        mvc.perform(post("/admin/briefs").with(editor()).param("title", "T").param("url", "https://example.org/t"))
                .andExpect(status().isForbidden());
        long id = publish("b1", "Kept", Instant.now());
        mvc.perform(post("/admin/briefs/" + id + "/retract").with(editor())).andExpect(status().isForbidden());
        assertThat(count()).isEqualTo(1);
        assertThat(briefs.find(id).orElseThrow().state()).isEqualTo(BriefState.PUBLISHED);
    }

    @Test
    void listsSearchesFiltersAndPages() throws Exception {
        for (int i = 0; i < 30; i++) {
            publish("b" + i, "Routine brief " + i, clock.instant().minus(Duration.ofMinutes(i)));
        }
        briefs.publish(new BriefInput("gas", "https://example.org/gas", null, "Gas 100% & more", null, List.of(),
                clock.instant(), "ar", List.of("energy-economics"), List.of(), null, null));

        String first = page("/admin/briefs");
        assertThat(first).contains("31 brief(s)", "Gas 100% &amp; more", "Routine brief 0", "page=1");
        assertThat(first).doesNotContain("Routine brief 29");
        assertThat(page("/admin/briefs?page=1")).contains("Routine brief 29").doesNotContain("Routine brief 0<");

        assertThat(mvc.perform(get("/admin/briefs").param("q", "100%").with(editor())).andReturn().getResponse()
                .getContentAsString()).contains("1 brief(s)", "Gas 100%");
        assertThat(page("/admin/briefs?q=_")).as("wildcards are searched for as text").contains("0 brief(s)");
        assertThat(page("/admin/briefs?topic=energy-economics")).contains("1 brief(s)");
        assertThat(page("/admin/briefs?region=iran")).contains("30 brief(s)");
        assertThat(page("/admin/briefs?language=ar")).contains("1 brief(s)");
        assertThat(page("/admin/briefs?state=published&q=Routine")).contains("30 brief(s)");
        assertThat(page("/admin/briefs?state=draft")).contains("0 brief(s)");
        mvc.perform(get("/admin/briefs?state=bogus").with(editor())).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/briefs?page=-1").with(editor())).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/briefs?page=x").with(editor())).andExpect(status().isBadRequest());
    }

    @Test
    void retractsForGood() throws Exception {
        long id = publish("b1", "Mistake", clock.instant());
        mvc.perform(post("/admin/briefs/" + id + "/retract").with(editor()).with(csrf()))
                .andExpect(redirectedUrl("/admin/briefs/" + id));
        assertThat(briefs.find(id).orElseThrow().state()).isEqualTo(BriefState.RETRACTED);
        assertThat(page("/admin/briefs/" + id)).contains("This brief is retracted").doesNotContain(">Publish<");
        // retracting it again changes nothing, so nothing more is audited
        mvc.perform(post("/admin/briefs/" + id + "/retract").with(editor()).with(csrf()))
                .andExpect(redirectedUrl("/admin/briefs/" + id));
        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action).containsExactly("brief.retracted");
        mvc.perform(post("/admin/briefs/999/retract").with(editor()).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void theFormShowsTheTaxonomyAndAnUrgentBriefIsMarked() throws Exception {
        String blank = page("/admin/briefs/new");
        assertThat(blank).contains("name=\"topics\"", "value=\"energy-economics\"", "value=\"iran\"", "name=\"_csrf\"");

        String location = mvc.perform(form(post("/admin/briefs"), "publish", "Now").param("urgent", "true"))
                .andReturn().getResponse().getRedirectedUrl();
        Brief urgent = briefs.find(Long.parseLong(location.substring("/admin/briefs/".length()))).orElseThrow();
        assertThat(urgent.urgent()).isTrue();
        assertThat(urgent.state()).isEqualTo(BriefState.PUBLISHED);
        assertThat(page(location)).contains("urgent", "Preview and test-send");
    }

    private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String action, String title) {
        return request.with(editor()).with(csrf())
                .param("action", action)
                .param("title", title)
                .param("url", "https://example.org/briefs/x")
                .param("type", "Brief Analysis")
                .param("summary", "Two lines\nof summary")
                .param("authors", "Ann Author\r\n\r\nBo Writer")
                .param("language", "en")
                .param("topics", "energy-economics")
                .param("regions", "iran", "syria");
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(editor())).andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/html"))
                .andReturn().getResponse().getContentAsString();
    }

    private long publish(String externalId, String title, Instant at) {
        return briefs.publish(new BriefInput(externalId, "https://example.org/" + externalId, null, title, null,
                List.of(), at, "en", List.of(), List.of("iran"))).brief().id();
    }

    private long count() {
        return jdbc.sql("select count(*) from brief").query(Long.class).single();
    }

    private static SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor editor() {
        return user("editor@example.org").roles("EDITOR");
    }
}
