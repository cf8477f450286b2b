package org.policyalerts.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** A brief naming the brief it translates ({@code translationOf}), over the API and the staff form. */
class TranslationApiTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aTranslationNamesItsOriginalAndATranslationOfATranslationResolvesToTheOriginal() {
        assertThat(http.postApi("/api/briefs", brief("oil", "en", null)).status()).isEqualTo(201);

        Http.Response arabic = http.postApi("/api/briefs", brief("oil-ar", "ar", "oil"));
        assertThat(arabic.status()).isEqualTo(201);
        assertThat(Json.object(arabic.body())).containsEntry("translationOf", "oil").containsEntry("language", "ar");
        // named after the Arabic version, the Farsi one is still a version of the English original
        Http.Response farsi = http.postApi("/api/briefs", brief("oil-fa", "fa", "oil-ar"));
        assertThat(farsi.status()).isEqualTo(201);
        assertThat(Json.object(farsi.body())).containsEntry("translationOf", "oil");
        assertThat(Json.object(http.getApi("/api/briefs/1").body())).containsEntry("translationOf", null);
        assertThat(translationOf()).containsExactly(null, 1L, 1L);

        // sent again without translationOf, a brief is an original again (an update replaces every field)
        assertThat(http.postApi("/api/briefs", brief("oil-fa", "fa", null)).status()).isEqualTo(200);
        assertThat(translationOf()).containsExactly(null, 1L, null);
    }

    @Test
    void anOriginalThatBecomesATranslationTakesItsTranslationsAlong() {
        http.postApi("/api/briefs", brief("a", "en", null));
        http.postApi("/api/briefs", brief("a-ar", "ar", "a"));
        http.postApi("/api/briefs", brief("b", "fa", null));

        assertThat(http.postApi("/api/briefs", brief("a", "en", "b")).status()).isEqualTo(200);

        // every version points at the one original, so a group never needs a recursive query
        assertThat(translationOf()).containsExactly(3L, 3L, null);
    }

    @Test
    void badTranslationsAre400sThatSayWhatIsWrong() {
        http.postApi("/api/briefs", brief("oil", "en", null));
        http.postApi("/api/briefs", brief("oil-ar", "ar", "oil"));

        assertProblem(brief("gas", "ar", "no-such-brief"), "translationOf names no known brief: no-such-brief");
        assertProblem(brief("gas", "ar", "gas"), "translationOf must name another brief");
        // the original naming its own translation would make a loop
        assertProblem(brief("oil", "en", "oil-ar"), "translationOf must name another brief");
        assertProblem(brief("oil-ar2", "ar", "oil"), "translationOf names a brief that already has a version in ar: oil-ar");
        assertProblem(brief("oil-en", "en", "oil"), "translationOf names a brief that already has a version in en: oil");
        assertProblem(brief("gas", "ar", "x\nBcc: y"), "translationOf must be a single line");
        assertThat(jdbc.sql("select count(*) from brief").query(Integer.class).single()).isEqualTo(2);
        assertThat(translationOf()).containsExactly(null, 1L);
    }

    @Test
    void theStaffFormTakesTheOriginalsExternalIdAndShowsAFieldError() throws Exception {
        StaffFixture.editor(jdbc, "editor@example.org");
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        http.postApi("/api/briefs", brief("oil", "en", null));

        String page = mvc.perform(form("nope")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("translationOf names no known brief: nope", "has-error", "value=\"nope\"");
        assertThat(jdbc.sql("select count(*) from brief").query(Integer.class).single()).isEqualTo(1);

        String location = mvc.perform(form("oil")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(translationOf()).containsExactly(null, 1L);
        String edit = mvc.perform(get(location).with(user("editor@example.org").roles("EDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("id=\"translationOf\"", "value=\"oil\"");
    }

    @Test
    void theApiDescriptionExplainsTranslationOf() {
        StaffFixture.editor(jdbc, "editor@example.org");
        Http.Response docs = StaffFixture.signIn(port, "editor@example.org").get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("\"translationOf\"", "The externalId of the brief this one translates");
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String translationOf) {
        return post("/admin/briefs").with(user("editor@example.org").roles("EDITOR")).with(csrf())
                .param("action", "publish")
                .param("title", "النفط")
                .param("url", "https://example.org/ar/oil")
                .param("language", "ar")
                .param("translationOf", translationOf);
    }

    private void assertProblem(String body, String detail) {
        Http.Response response = http.postApi("/api/briefs", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.object(response.body()).get("detail").toString()).contains(detail);
    }

    private List<Long> translationOf() {
        return jdbc.sql("select translation_of from brief order by id").query((rs, n) -> rs.getObject(1, Long.class)).list();
    }

    private static String brief(String id, String language, String translationOf) {
        Map<String, Object> brief = new HashMap<>(Json.object(Json.brief(id, "Title " + id, List.of(), List.of("iran"),
                Instant.parse("2026-11-27T10:00:00Z"))));
        brief.put("language", language);
        if (translationOf != null) {
            brief.put("translationOf", translationOf);
        }
        return Json.write(brief);
    }
}
