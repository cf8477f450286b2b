package org.policyalerts.taxonomy;

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
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.policyalerts.staff.StaffFixture;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.RetiredFollows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * /admin/taxonomy against the real database: adding, renaming, names per language, retiring; and that the sign-up
 * form and matching respect retirement. Terms made here have slugs starting "zz-" and are deleted afterwards (the
 * taxonomy is shared by every test of the context).
 */
@RecordApplicationEvents
class TaxonomyAdminTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Taxonomy taxonomy;

    @Autowired
    TaxonomyRepository repository;

    @Autowired
    Briefs briefs;

    @Autowired
    RetiredFollows retiredFollows;

    @Autowired
    ApplicationEvents events;

    private MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        // the staff chain signs out any authentication without an enabled staff_user of exactly that role
        StaffFixture.admin(jdbc, "ada");
    }

    @AfterEach
    void forgetTestTerms() {
        jdbc.sql("truncate brief, brief_topic, brief_region, subscription, delivery_brief cascade").update();
        jdbc.sql("delete from topic where slug like 'zz-%'").update();
        jdbc.sql("delete from region where slug like 'zz-%'").update();
        taxonomy.reload();
    }

    @Test
    void anAddedTopicIsOfferedWithItsNamesAndTheChangeIsAudited() throws Exception {
        mvc.perform(admin(post("/admin/taxonomy/topics")).param("slug", "zz-water").param("name", "Water Security")
                        .param("nameAr", "الأمن المائي").param("nameFa", "امنیت آب").param("aliases", "Water\nHydro-politics"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/taxonomy"));

        Term water = taxonomy.bySlug(Term.Kind.TOPIC, "zz-water").orElseThrow();
        assertThat(water.name()).isEqualTo("Water Security");
        assertThat(water.name(Locale.forLanguageTag("ar"))).isEqualTo("الأمن المائي");
        assertThat(water.name(Locale.forLanguageTag("fa"))).isEqualTo("امنیت آب");
        assertThat(water.name(Locale.GERMAN)).isEqualTo("Water Security");
        assertThat(water.aliases()).containsExactly("Water", "Hydro-politics");
        assertThat(taxonomy.all(Term.Kind.TOPIC)).contains(water);
        assertThat(mvc.perform(get("/subscribe")).andReturn().getResponse().getContentAsString())
                .contains("value=\"zz-water\"");
        assertThat(events.stream(StaffAction.class))
                .anySatisfy(a -> {
                    assertThat(a.action()).isEqualTo("taxonomy.added");
                    assertThat(a.target()).isEqualTo("topic " + water.id());
                    assertThat(a.actor()).isEqualTo("ada");
                });
    }

    @Test
    void badInputIsShownNextToTheFieldsAndNothingIsAdded() throws Exception {
        String page = mvc.perform(admin(post("/admin/taxonomy/regions")).param("slug", "Not A Slug").param("name", "")
                        .param("nameAr", "x".repeat(101)))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Use 1 to 60 lower-case letters", "Enter the English name.",
                "At most 100 characters, on one line.");
        assertThat(taxonomy.withRetired(Term.Kind.REGION)).noneMatch(t -> t.slug().startsWith("Not"));
    }

    @Test
    void aTakenSlugIsAFieldErrorEvenWhenItsTermIsRetired() throws Exception {
        int id = add(Term.Kind.REGION, "zz-atlantis", "Atlantis");
        mvc.perform(admin(post("/admin/taxonomy/regions/" + id + "/retire"))).andExpect(status().isFound());

        mvc.perform(admin(post("/admin/taxonomy/regions")).param("slug", "zz-atlantis").param("name", "Atlantis"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("This slug is taken")));
    }

    @Test
    void renamingKeepsTheSlugAndChangesEveryName() throws Exception {
        int id = add(Term.Kind.TOPIC, "zz-cyber", "Cyber");

        mvc.perform(admin(post("/admin/taxonomy/topics/" + id)).param("slug", "zz-hacked").param("name", "Cyber Security")
                        .param("nameAr", "الأمن السيبراني").param("nameFa", "امنیت سایبری"))
                .andExpect(status().isFound());

        Term term = taxonomy.byId(Term.Kind.TOPIC, id).orElseThrow();
        assertThat(term.slug()).isEqualTo("zz-cyber");
        assertThat(term.name()).isEqualTo("Cyber Security");
        assertThat(term.name(Locale.forLanguageTag("fa"))).isEqualTo("امنیت سایبری");
        assertThat(events.stream(StaffAction.class)).anySatisfy(a -> assertThat(a.detail())
                .isEqualTo("renamed from Cyber to Cyber Security"));
    }

    @Test
    void aRetiredTermIsNoLongerOfferedButReadersKeepItAndOldBriefsShowIt() throws Exception {
        int id = add(Term.Kind.TOPIC, "zz-old", "Old Topic");
        long reader = new Fixtures(jdbc).reader("r@example.org", "immediate", clock.instant().minusSeconds(60),
                "zz-old/*");
        long oldBrief = publish("old", "zz-old", "iran");

        mvc.perform(admin(post("/admin/taxonomy/topics/" + id + "/retire"))).andExpect(status().isFound());

        assertThat(taxonomy.bySlug(Term.Kind.TOPIC, "zz-old").orElseThrow().retired()).isTrue();
        assertThat(taxonomy.all(Term.Kind.TOPIC)).noneMatch(t -> t.slug().equals("zz-old"));
        assertThat(taxonomy.notOffered(Term.Kind.TOPIC, List.of("zz-old", "iran-deal"))).containsExactly("zz-old", "iran-deal");
        assertThat(taxonomy.unknown(Term.Kind.TOPIC, List.of("zz-old"))).isEmpty();
        assertThat(mvc.perform(get("/subscribe")).andReturn().getResponse().getContentAsString())
                .doesNotContain("zz-old");
        mvc.perform(post("/subscribe").with(csrf()).param("email", "new@example.org").param("topics", "zz-old")
                        .param("frequency", "daily").param("match", "any"))
                .andExpect(status().isBadRequest());
        assertThat(retiredFollows.of(reader)).containsExactly(new Follow("zz-old", null));
        assertThat(briefs.find(oldBrief).orElseThrow().topics()).containsExactly("zz-old");
        assertThat(mvc.perform(admin(get("/admin/taxonomy"))).andReturn().getResponse().getContentAsString())
                .contains("retired " + clock.instant().toString().substring(0, 10), "Restore");

        mvc.perform(admin(post("/admin/taxonomy/topics/" + id + "/restore"))).andExpect(status().isFound());
        assertThat(taxonomy.all(Term.Kind.TOPIC)).anyMatch(t -> t.slug().equals("zz-old"));
    }

    @Test
    void aReaderFollowingARetiredTermIsToldOnTheirPreferencePage() throws Exception {
        int id = add(Term.Kind.TOPIC, "zz-old", "Old Topic");
        long reader = new Fixtures(jdbc).reader("r@example.org", "daily", clock.instant().minusSeconds(60),
                "zz-old/*", "*/iran");
        String page = "/preferences/" + jdbc.sql("select manage_token from subscriber where id = :id")
                .param("id", reader).query(String.class).single();
        assertThat(mvc.perform(get(page)).andReturn().getResponse().getContentAsString())
                .doesNotContain("no longer a topic we publish under");

        mvc.perform(admin(post("/admin/taxonomy/topics/" + id + "/retire"))).andExpect(status().isFound());

        String shown = mvc.perform(get(page)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("Old Topic is no longer a topic we publish under; you can remove it.",
                "href=\"" + page + "/stop?follow=zz-old/*\"", "Remove Old Topic")
                .doesNotContain("Iran is no longer");
        assertThat(mvc.perform(get(page + "/stop").param("follow", "zz-old/*")).andReturn().getResponse().getStatus())
                .as("the remove link leads to the stop page").isEqualTo(200);
    }

    @Test
    void matchingIgnoresARetiredTagOnBriefsThatArriveAfterTheRetirement() throws Exception {
        int id = add(Term.Kind.TOPIC, "zz-gone", "Gone");
        Fixtures fixtures = new Fixtures(jdbc);
        Instant since = clock.instant().minusSeconds(60);
        long followsTopic = fixtures.reader("topic@example.org", "immediate", since, "zz-gone/*");
        long followsRegion = fixtures.reader("region@example.org", "immediate", since, "*/iraq");
        long before = publish("before", "zz-gone", "syria");
        clock.advance(Duration.ofSeconds(1));

        mvc.perform(admin(post("/admin/taxonomy/topics/" + id + "/retire"))).andExpect(status().isFound());
        clock.advance(Duration.ofSeconds(1));
        long after = publish("after", "zz-gone", "iraq");
        sendNow();

        assertThat(queued(followsTopic)).containsExactly(before);
        assertThat(queued(followsRegion)).containsExactly(after);
    }

    @Test
    void anotherInstancesChangeIsPickedUpByTheVersionCheck() {
        long version = repository.version();
        jdbc.sql("insert into region (slug, name) values ('zz-elsewhere', 'Elsewhere')").update();
        assertThat(repository.version()).isGreaterThan(version);
        assertThat(taxonomy.bySlug(Term.Kind.REGION, "zz-elsewhere")).isEmpty();

        taxonomy.refreshIfChanged();

        assertThat(taxonomy.bySlug(Term.Kind.REGION, "zz-elsewhere")).isPresent();
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/admin/taxonomy/topics").with(user("ada").roles("ADMIN")).param("slug", "zz-x")
                .param("name", "X")).andExpect(status().isForbidden());
        assertThat(taxonomy.bySlug(Term.Kind.TOPIC, "zz-x")).isEmpty();
    }

    @Test
    void unknownKindsAndTermsAreNotFound() throws Exception {
        mvc.perform(admin(get("/admin/taxonomy/colours/new"))).andExpect(status().isNotFound());
        mvc.perform(admin(get("/admin/taxonomy/topics/32000"))).andExpect(status().isNotFound());
        mvc.perform(admin(post("/admin/taxonomy/topics/32000/retire"))).andExpect(status().isNotFound());
    }

    private int add(Term.Kind kind, String slug, String name) throws Exception {
        mvc.perform(admin(post("/admin/taxonomy/" + kind.table + "s")).param("slug", slug).param("name", name))
                .andExpect(status().isFound());
        return taxonomy.bySlug(kind, slug).orElseThrow().id();
    }

    private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
        return request.with(user("ada").roles("ADMIN")).with(csrf());
    }

    private long publish(String id, String topic, String region) {
        return briefs.publish(new BriefInput(id, "https://example.org/" + id, "Brief Analysis", "Title " + id, null,
                List.of(), clock.instant(), "en", List.of(topic), List.of(region))).brief().id();
    }

    private void sendNow() throws Exception {
        mvc.perform(post("/api/sends").header("Authorization", "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content("{\"frequency\": \"immediate\"}"))
                .andExpect(status().is2xxSuccessful());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from send_run where planned_at is not null").query(Integer.class).single() == 1);
    }

    private List<Long> queued(long reader) {
        return jdbc.sql("select brief_id from delivery_brief where subscriber_id = :id order by brief_id")
                .param("id", reader).query(Long.class).list();
    }
}
