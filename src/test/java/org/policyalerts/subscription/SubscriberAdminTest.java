package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.jdbc.Sql;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** /admin/subscribers: search, a reader's page (consent history), suppression, erasure. */
@RecordApplicationEvents
class SubscriberAdminTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ApplicationEvents events;

    @Autowired
    ReaderErasure erasure;

    private MockMvc mvc;
    private Fixtures fixtures;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        fixtures = new Fixtures(jdbc);
        // the staff chain signs out any authentication without an enabled staff_user of exactly that role
        StaffFixture.admin(jdbc, "ada");
        StaffFixture.editor(jdbc, "ed");
    }

    @Test
    void searchFindsAnyPartOfTheAddressWhateverItsCaseAndPages() throws Exception {
        for (int i = 0; i < 55; i++) {
            fixtures.reader(String.format("Reader%02d@Think.example", i), "daily", hourAgo(), "*/*");
        }
        fixtures.reader("other@elsewhere.example", "daily", hourAgo(), "*/*");
        fixtures.reader("100%_sure@elsewhere.example", "daily", hourAgo(), "*/*");

        String first = page(editor(get("/admin/subscribers").param("q", "THINK")));
        String second = page(editor(get("/admin/subscribers").param("q", "think").param("page", "2")));

        assertThat(first).contains("Reader00@Think.example", "Reader49@Think.example", "rel=\"next\"")
                .doesNotContain("Reader50@Think.example", "other@elsewhere.example");
        assertThat(second).contains("Reader50@Think.example", "Reader54@Think.example", "rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
        assertThat(page(editor(get("/admin/subscribers").param("q", "reader0")))).contains("Reader09@Think.example")
                .doesNotContain("Reader10@Think.example");
        // LIKE's wildcards are taken literally
        assertThat(page(editor(get("/admin/subscribers").param("q", "%_")))).contains("100%_sure@elsewhere.example")
                .doesNotContain("other@elsewhere.example");
    }

    @Test
    void badPagingAndUnknownReadersAreClearErrors() throws Exception {
        mvc.perform(editor(get("/admin/subscribers").param("page", "0"))).andExpect(status().isBadRequest());
        mvc.perform(editor(get("/admin/subscribers").param("page", "x"))).andExpect(status().isBadRequest());
        mvc.perform(editor(get("/admin/subscribers").param("q", "a".repeat(300)))).andExpect(status().isBadRequest());
        mvc.perform(editor(get("/admin/subscribers/12345"))).andExpect(status().isNotFound());
        mvc.perform(editor(get("/admin/subscribers/abc"))).andExpect(status().isBadRequest());
    }

    @Test
    void aReadersPageShowsFollowsConsentAndEveryMail() throws Exception {
        long id = fixtures.reader("r@example.org", "weekly", hourAgo(), "energy-economics/iran", "*/iraq");
        jdbc.sql("""
                        insert into confirmation (subscriber_id, token_hash, frequency, match_mode, topics, regions,
                                                  created_at, expires_at, confirmed_at)
                        values (:id, '\\x01', 'weekly', 'all', '{energy-economics}', '{iran}', :at, :at, :at)
                        """)
                .param("id", id).param("at", Sql.utc(Instant.parse("2026-03-04T05:06:07Z"))).update();
        jdbc.sql("""
                        insert into delivery (kind, priority, subscriber_id, status, next_attempt_at, message_id,
                                              smtp_reply, created_at, sent_at)
                        values ('transactional', 0, :id, 'sent', now(), 'm-1', '250 2.0.0 Ok: queued as ABC', now(), now())
                        """)
                .param("id", id).update();

        String page = page(editor(get("/admin/subscribers/" + id)));

        assertThat(page).contains("r@example.org", "weekly", "Energy and Economics in Iran", "Iraq",
                "2026-03-04T05:06:07Z", "250 2.0.0 Ok: queued as ABC", "id=\"consent-history\"");
    }

    @Test
    void suppressingCancelsQueuedMailAndUnsuppressingRestoresTheReader() throws Exception {
        long id = fixtures.reader("r@example.org", "daily", hourAgo(), "*/*");
        // a confirmation link and a digest waiting in the outbox, due later so no sender takes them meanwhile
        jdbc.sql("""
                        with d as (insert into delivery (kind, priority, subscriber_id, next_attempt_at, message_id, created_at)
                                   values ('transactional', 0, :id, now() + interval '1 hour', 'm-1', now()) returning id)
                        insert into delivery_mail (delivery_id, recipient, subject, html, text)
                        select id, 'r@example.org', 'Confirm', '<p>link</p>', 'link' from d
                        """)
                .param("id", id).update();

        mvc.perform(admin(post("/admin/subscribers/" + id + "/suppression")).param("suppressed", "true"))
                .andExpect(status().isFound());

        assertThat(readerStatus(id)).isEqualTo("suppressed");
        assertThat(jdbc.sql("select status from delivery where subscriber_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("cancelled");
        assertThat(jdbc.sql("select count(*) from delivery_mail").query(Integer.class).single()).isZero();
        assertThat(events.stream(StaffAction.class)).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("subscriber.suppressed");
            assertThat(a.target()).isEqualTo("reader " + id);
            assertThat(a.toString()).doesNotContain("r@example.org");
        });

        mvc.perform(admin(post("/admin/subscribers/" + id + "/suppression")).param("suppressed", "false"))
                .andExpect(status().isFound());
        assertThat(readerStatus(id)).isEqualTo("active");
    }

    @Test
    void aConfirmationWaitingForARetryIsNotSentOnceTheAddressIsSuppressed() {
        long id = fixtures.reader("r@example.org", "daily", hourAgo(), "*/*");
        // queued before the suppression (a retry after a 4xx, say), due now
        jdbc.sql("""
                        with d as (insert into delivery (kind, priority, subscriber_id, next_attempt_at, message_id, created_at)
                                   values ('transactional', 0, :id, now() + interval '1 hour', 'm-1', now()) returning id)
                        insert into delivery_mail (delivery_id, recipient, subject, html, text)
                        select id, 'r@example.org', 'Confirm', '<p>link</p>', 'link' from d
                        """)
                .param("id", id).update();
        jdbc.sql("update subscriber set status = 'suppressed' where id = :id").param("id", id).update();
        jdbc.sql("update delivery set next_attempt_at = now() - interval '1 second'").update();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select status from delivery where subscriber_id = :id").param("id", id).query(String.class).single()
                .equals("cancelled"));
        assertThat(mail().getReceivedMessages()).isEmpty();
    }

    @Test
    void suppressionNeedsTheCsrfTokenAndAClearAnswer() throws Exception {
        long id = fixtures.reader("r@example.org", "daily", hourAgo(), "*/*");

        mvc.perform(post("/admin/subscribers/" + id + "/suppression").with(user("ada").roles("ADMIN"))
                .param("suppressed", "true")).andExpect(status().isForbidden());
        mvc.perform(admin(post("/admin/subscribers/" + id + "/suppression")).param("suppressed", "maybe"))
                .andExpect(status().isBadRequest());
        mvc.perform(admin(post("/admin/subscribers/999/suppression")).param("suppressed", "true"))
                .andExpect(status().isNotFound());
        assertThat(readerStatus(id)).isEqualTo("active");
    }

    @Test
    void theConsentHistoryShowsEveryRecordOfTheReader() throws Exception {
        long id = fixtures.reader("r@example.org", "daily", hourAgo(), "*/*");
        long other = fixtures.reader("other@example.org", "daily", hourAgo(), "*/*");
        consent(id, "sign-up", "form", "v1", "203.0.113.7", "2026-05-01T10:00:00Z", "2026-05-01T10:05:00Z");
        consent(id, "change", "preference-centre", null, "2001:db8::1", "2026-06-02T11:00:00Z", "2026-06-02T11:00:00Z");
        consent(id, "sign-up", "import", null, null, "2026-04-03T09:00:00Z", null);
        consent(other, "pause", "mail-link", "v9", "198.51.100.99", "2026-07-01T00:00:00Z", null);

        String page = page(editor(get("/admin/subscribers/" + id)));
        String history = page.substring(page.indexOf("id=\"consent-history\""), page.indexOf("</section>"));

        assertThat(history).containsSubsequence(
                "<td>2026-06-02T11:00:00Z</td>", "<td>change</td>", "<td>preference-centre</td>", "<td>—</td>",
                "<td>2001:db8::1</td>", "<td>2026-06-02T11:00:00Z</td>",
                "<td>2026-05-01T10:00:00Z</td>", "<td>sign-up</td>", "<td>form</td>", "<td>v1</td>",
                "<td>203.0.113.7</td>", "<td>2026-05-01T10:05:00Z</td>",
                "<td>2026-04-03T09:00:00Z</td>", "<td>sign-up</td>", "<td>import</td>", "<td>not confirmed</td>");
        assertThat(history).doesNotContain("198.51.100.99", "v9", "mail-link");
    }

    @Test
    void erasingDeletesTheReaderAndKeepsOnlyTheHashOfTheAddress() throws Exception {
        long id = fixtures.reader("Erase.Me@example.org", "daily", hourAgo(), "*/iran");
        consent(id, "sign-up", "form", "v1", "203.0.113.7", "2026-05-01T10:00:00Z", "2026-05-01T10:05:00Z");
        assertThat(page(admin(get("/admin/subscribers/" + id)))).contains("/admin/subscribers/" + id + "/erase");

        // without the confirm tick: the page again, with the reason, and nothing deleted
        String refused = mvc.perform(admin(post("/admin/subscribers/" + id + "/erase")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Tick the box to confirm", "Erase.Me@example.org");
        assertThat(readerStatus(id)).isEqualTo("active");

        mvc.perform(admin(post("/admin/subscribers/" + id + "/erase")).param("confirm", "yes"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/admin/subscribers"))
                .andExpect(flash().attribute("saved", org.hamcrest.Matchers.startsWith("Reader " + id + " erased")));

        assertThat(jdbc.sql("select count(*) from subscriber where id = :id").param("id", id).query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("select count(*) from consent").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from subscription").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select address_hash from suppression").query(byte[].class).single())
                .isEqualTo(erasure.hash("erase.me@example.org"));
        assertThat(erasure.erased(List.of("ERASE.ME@example.org"))).isNotEmpty();
        assertThat(events.stream(StaffAction.class)).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("subscriber.erased");
            assertThat(a.target()).isEqualTo("reader " + id);
            assertThat(a.actor()).isEqualTo("ada");
            assertThat(a.toString()).doesNotContainIgnoringCase("erase.me@example.org");
        });
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'subscriber.erased'").query(Integer.class)
                .single()).isEqualTo(1);
        // erased already
        mvc.perform(admin(post("/admin/subscribers/" + id + "/erase")).param("confirm", "yes"))
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyAnAdminMayEraseAndOnlyWithTheCsrfToken() throws Exception {
        long id = fixtures.reader("r@example.org", "daily", hourAgo(), "*/*");

        assertThat(page(editor(get("/admin/subscribers/" + id)))).doesNotContain("/erase");
        mvc.perform(editor(post("/admin/subscribers/" + id + "/erase")).with(csrf()).param("confirm", "yes"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/subscribers/" + id + "/erase").with(user("ada").roles("ADMIN"))
                .param("confirm", "yes")).andExpect(status().isForbidden());

        assertThat(readerStatus(id)).isEqualTo("active");
        assertThat(jdbc.sql("select count(*) from suppression").query(Integer.class).single()).isZero();
    }

    private void consent(long reader, String action, String source, String wording, String ip, String at,
            String confirmed) {
        jdbc.sql("""
                        insert into consent (subscriber_id, action, source, wording_version, client_ip, user_agent,
                                             created_at, confirmed_at)
                        values (:id, :action, :source, :wording, :ip, 'Agent/1.0', :at, :confirmed)
                        """)
                .param("id", reader).param("action", action).param("source", source)
                .param("wording", wording, Types.VARCHAR).param("ip", ip, Types.VARCHAR)
                .param("at", Sql.utc(Instant.parse(at)))
                .param("confirmed", confirmed == null ? null : Sql.utc(Instant.parse(confirmed)),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    private String readerStatus(long id) {
        return jdbc.sql("select status from subscriber where id = :id").param("id", id).query(String.class).single();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder editor(MockHttpServletRequestBuilder request) {
        return request.with(user("ed").roles("EDITOR"));
    }

    private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
        return request.with(user("ada").roles("ADMIN")).with(csrf());
    }

    private Instant hourAgo() {
        return clock.instant().minus(Duration.ofHours(1));
    }
}
