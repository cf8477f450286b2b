package org.policyalerts.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.IntegrationTest;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.brief.BriefState;
import org.policyalerts.brief.Briefs;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The feed admin pages through the real security chain: register, poll now, see the error, map a category. */
@RecordApplicationEvents
class FeedAdminControllerTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Briefs briefs;

    @Autowired
    ApplicationEvents events;

    MockMvc mvc;
    FeedServer server;

    @BeforeEach
    void mvc() throws Exception {
        StaffFixture.editor(jdbc, "editor@example.org");
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        server = new FeedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersPollsAndMapsACategoryWithOneClick() throws Exception {
        server.serve("/rss.xml", "rss2.xml");
        mvc.perform(post("/admin/feeds").with(editor()).with(csrf()).param("url", server.url("/rss.xml"))
                .param("language", "en").param("mode", "review")).andExpect(redirectedUrl("/admin/feeds/1"));
        mvc.perform(post("/admin/feeds/1/poll").with(editor()).with(csrf())).andExpect(redirectedUrl("/admin/feeds/1"));
        assertThat(briefs.recent(10, BriefState.DRAFT)).hasSize(2);

        String page = mvc.perform(get("/admin/feeds/1").with(editor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("oddball desk", "value=\"topic:terrorism\"", "Map");

        mvc.perform(post("/admin/feeds/1/categories").with(editor()).with(csrf()).param("category", "oddball desk")
                .param("term", "topic:terrorism")).andExpect(redirectedUrl("/admin/feeds/1"));
        mvc.perform(post("/admin/feeds/1/categories").with(editor()).with(csrf()).param("category", "oddball desk")
                .param("term", "topic:knitting")).andExpect(status().isBadRequest());
        mvc.perform(post("/admin/feeds/1/poll").with(editor()).with(csrf()));
        assertThat(briefs.recent(10, BriefState.DRAFT)).filteredOn(b -> b.externalId().endsWith("research-101"))
                .singleElement().satisfies(b -> assertThat(b.topics()).containsExactly("energy-economics", "terrorism"));

        assertThat(mvc.perform(get("/admin/feeds").with(editor())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains(server.url("/rss.xml"), "review");
        assertThat(events.stream(StaffAction.class)).extracting(StaffAction::action)
                .containsExactly("feed.registered", "feed.category-mapped");
    }

    @Test
    void aBrokenFeedShowsItsErrorAndBadFormsGet400() throws Exception {
        server.serve("/xxe.xml", "xxe.xml");
        mvc.perform(post("/admin/feeds").with(editor()).with(csrf()).param("url", server.url("/xxe.xml"))
                .param("language", "en").param("mode", "publish")).andExpect(redirectedUrl("/admin/feeds/1"));
        mvc.perform(post("/admin/feeds/1/poll").with(editor()).with(csrf()));
        assertThat(mvc.perform(get("/admin/feeds/1").with(editor())).andReturn().getResponse().getContentAsString())
                .contains("failed", "DOCTYPE");

        String form = mvc.perform(post("/admin/feeds").with(editor()).with(csrf()).param("url", "file:///etc/passwd")
                .param("language", "en").param("mode", "publish")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("url must be an absolute http(s) URL");
        mvc.perform(post("/admin/feeds").with(csrf()).param("url", "https://example.org/feed"))
                .andExpect(status().is3xxRedirection());
        assertThat(List.of(mvc.perform(get("/admin/feeds/99").with(editor())).andReturn().getResponse().getStatus()))
                .containsExactly(404);
    }

    private static SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor editor() {
        return user("editor@example.org").roles("EDITOR");
    }
}
