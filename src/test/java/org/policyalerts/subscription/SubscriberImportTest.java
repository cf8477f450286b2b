package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The CSV import: a preview of what changes and of every bad row, then the import applied, mail read back. */
@RecordApplicationEvents
class SubscriberImportTest extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ApplicationEvents events;

    @Autowired
    ReaderErasure erasure;

    private MockMvc mvc;
    private final MockHttpSession session = new MockHttpSession();
    private Fixtures fixtures;
    private long active;
    private long unchanged;
    private long left;
    private long suppressed;

    @BeforeEach
    void readers() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        fixtures = new Fixtures(jdbc);
        // the staff chain signs out any authentication without an enabled staff_user of exactly that role
        StaffFixture.admin(jdbc, "ada");
        Instant since = clock.instant().minus(Duration.ofDays(1));
        active = fixtures.reader("changing@example.org", "daily", since, "*/iran");
        unchanged = fixtures.reader("same@example.org", "weekly", since, "terrorism/*");
        left = fixtures.reader("left@example.org", "daily", since, "*/*");
        suppressed = fixtures.reader("bounced@example.org", "daily", since, "*/*");
        jdbc.sql("update subscriber set status = 'unsubscribed', unsubscribed_at = now() where id = :id")
                .param("id", left).update();
        jdbc.sql("update subscriber set status = 'suppressed' where id = :id").param("id", suppressed).update();
    }

    private static final String FILE = """
            email,topics,regions,match,frequency,language,consent_proof
            proven@example.org,energy-economics;us-policy,iran;iraq,all,immediate,ar,yes
            Changing@Example.org,*,iraq,,weekly,,yes
            same@example.org,terrorism,,,weekly,,yes
            unproven@example.org,,syria,,daily,fa,no
            LEFT@example.org,,,,,,yes
            bounced@example.org,,,,,,yes
            not-an-address,,,,,,yes
            typo@example.org,knitting,atlantis,,hourly,de,maybe
            proven@example.org,,,,,,yes
            """;

    @Test
    void thePreviewShowsWhatWillChangeAndEveryBadRowWithItsLine() throws Exception {
        String preview = preview(FILE, "column");

        assertThat(preview).contains("2 new readers", "1 with changed follows or frequency", "1 unchanged",
                "2 skipped (unsubscribed or suppressed)", "3 rows with errors (left out)");
        assertThat(preview).contains("proven@example.org", "activated (proof of consent)", "unproven@example.org",
                "confirmation link mailed", "Changing@Example.org", "now daily: Iran",
                "unsubscribed: an import never brings back a reader who left", "suppressed: an import never brings back");
        assertThat(preview).contains("<td>8</td>", "not an email address",
                "<td>9</td>", "unknown or retired topic: knitting; unknown or retired region: atlantis; "
                        + "frequency is immediate, daily or weekly, not hourly; language is en, ar or fa, not de; "
                        + "consent_proof is yes or no",
                "<td>10</td>", "the address is on line 2 already");
        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isEqualTo(4);
        assertThat(mail().getReceivedMessages()).isEmpty();
    }

    @Test
    void applyingActivatesReadersWithProofAndMailsTheOthersAConfirmationLink() throws Exception {
        String location = upload(FILE, "column");

        mvc.perform(post(location).session(session).with(user("ada").roles("ADMIN")).with(csrf()))
                .andExpect(status().isFound());

        long proven = id("proven@example.org");
        assertThat(readerStatus(proven)).isEqualTo("active");
        assertThat(follows(proven)).containsExactlyInAnyOrder("energy-economics/iran", "energy-economics/iraq",
                "us-policy/iran", "us-policy/iraq");
        assertThat(jdbc.sql("select frequency || ' ' || language from subscriber where id = :id").param("id", proven)
                .query(String.class).single()).isEqualTo("immediate ar");
        assertThat(follows(active)).containsExactlyInAnyOrder("*/iraq");
        assertThat(readerStatus(left)).isEqualTo("unsubscribed");
        assertThat(readerStatus(suppressed)).isEqualTo("suppressed");
        assertThat(follows(unchanged)).containsExactly("terrorism/*");

        long unproven = id("unproven@example.org");
        assertThat(readerStatus(unproven)).isEqualTo("pending");
        assertThat(follows(unproven)).isEmpty();
        List<MimeMessage> mails = awaitMail(1);
        assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo("unproven@example.org");
        assertThat(MailParts.text(mails.get(0))).contains("https://alerts.example.org/confirm/");

        assertThat(jdbc.sql("select subscriber_id || ' ' || proof_of_consent || ' ' || consent_source || ' ' || imported_by "
                        + "from subscriber_import order by subscriber_id").query(String.class).list())
                .containsExactly(active + " true event sign-up sheet 2026-10 ada",
                        proven + " true event sign-up sheet 2026-10 ada",
                        unproven + " false event sign-up sheet 2026-10 ada");
        // every opt-in leaves a consent record: the proven one confirmed at once, the other once the link comes back
        assertThat(jdbc.sql("select action || ' ' || source || ' ' || (confirmed_at is not null) || ' ' "
                        + "|| (choices ->> 'consent_source') from consent where subscriber_id = :id")
                .param("id", proven).query(String.class).list())
                .containsExactly("sign-up import true event sign-up sheet 2026-10");
        assertThat(jdbc.sql("select action || ' ' || source || ' ' || (confirmed_at is not null) from consent "
                        + "where subscriber_id = :id").param("id", unproven).query(String.class).list())
                .containsExactly("sign-up import false");
        assertThat(events.stream(StaffAction.class).filter(a -> a.action().equals("subscriber.imported")))
                .hasSize(3).allSatisfy(a -> assertThat(a.target()).startsWith("reader ").doesNotContain("@"));
        // the preview is used up
        mvc.perform(get(location).session(session).with(user("ada").roles("ADMIN"))).andExpect(status().isNotFound());
    }

    @Test
    void erasedAddressesAreNeverImportedAgainWhateverTheirCase() throws Exception {
        Instant since = clock.instant().minus(Duration.ofDays(1));
        erasure.erase(fixtures.reader("gone@example.org", "daily", since, "*/*"));
        erasure.erase(fixtures.reader("also.gone@example.org", "daily", since, "*/*"));
        // someone typed an erased address into the sign-up form: pending, but not confirmed by its owner
        long typed = fixtures.reader("also.gone@example.org", "daily", since, "*/*");
        jdbc.sql("update subscriber set status = 'pending' where id = :id").param("id", typed).update();
        String location = upload("email\nGONE@example.org\nnew@example.org\nalso.gone@example.org\n", "all");

        String preview = mvc.perform(get(location).session(session).with(user("ada").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Pattern.compile("erased at the reader").matcher(preview).results()).hasSize(2);
        mvc.perform(post(location).session(session).with(user("ada").roles("ADMIN")).with(csrf()))
                .andExpect(status().isFound());

        assertThat(readerStatus(id("new@example.org"))).isEqualTo("active");
        assertThat(jdbc.sql("select count(*) from subscriber where lower(email) like '%gone%'").query(Integer.class)
                .single()).isOne();
        assertThat(readerStatus(typed)).isEqualTo("pending");
        assertThat(jdbc.sql("select count(*) from subscriber_import where subscriber_id = :id").param("id", typed)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void whenNoRowHasProofNobodyIsActivated() throws Exception {
        String location = upload("email,regions\nnew@example.org,iran\n", "none");
        mvc.perform(post(location).session(session).with(user("ada").roles("ADMIN")).with(csrf()))
                .andExpect(status().isFound());

        assertThat(readerStatus(id("new@example.org"))).isEqualTo("pending");
        assertThat(awaitMail(1).get(0).getSubject()).isNotBlank();
    }

    @Test
    void theUploadFormShowsFieldErrors() throws Exception {
        String page = mvc.perform(multipart("/admin/subscribers/import").file(csv("email\n"))
                        .param("consentSource", "").param("proof", "perhaps").session(session)
                        .with(user("ada").roles("ADMIN")).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Say where these readers gave their consent", "Say whether the rows come with proof");

        assertThat(uploadRefused("name\nx@example.org\n")).contains("one of them email");
        assertThat(uploadRefused("email\n\"x@example.org\n")).contains("never closed");
        assertThat(uploadRefused("email,consent_proof\n" + "x@example.org,yes\n".repeat(10_001))).contains("more than 10000 rows");
        byte[] latin1 = "email\nj\u00f6rg@example.org\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(uploadRefused(latin1)).contains("not UTF-8");
    }

    @Test
    void theImportNeedsTheCsrfToken() throws Exception {
        mvc.perform(multipart("/admin/subscribers/import").file(csv("email\nx@example.org\n"))
                        .param("consentSource", "sheet").param("proof", "all").with(user("ada").roles("ADMIN")))
                .andExpect(status().isForbidden());
        String location = upload("email\nx@example.org\n", "all");
        mvc.perform(post(location).session(session).with(user("ada").roles("ADMIN"))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isEqualTo(4);
    }

    private String preview(String file, String proof) throws Exception {
        return mvc.perform(get(upload(file, proof)).session(session).with(user("ada").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String upload(String file, String proof) throws Exception {
        MvcResult result = mvc.perform(multipart("/admin/subscribers/import").file(csv(file))
                        .param("consentSource", "event sign-up sheet 2026-10").param("proof", proof).session(session)
                        .with(user("ada").roles("ADMIN")).with(csrf()))
                .andExpect(status().isFound()).andReturn();
        return result.getResponse().getRedirectedUrl();
    }

    private String uploadRefused(String file) throws Exception {
        return uploadRefused(file.getBytes(StandardCharsets.UTF_8));
    }

    private String uploadRefused(byte[] file) throws Exception {
        return mvc.perform(multipart("/admin/subscribers/import")
                        .file(new MockMultipartFile("file", "readers.csv", "text/csv", file))
                        .param("consentSource", "sheet").param("proof", "column").session(session)
                        .with(user("ada").roles("ADMIN")).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    }

    private static MockMultipartFile csv(String content) {
        return new MockMultipartFile("file", "readers.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    private long id(String email) {
        return jdbc.sql("select id from subscriber where email = :e").param("e", email).query(Long.class).single();
    }

    private String readerStatus(long id) {
        return jdbc.sql("select status from subscriber where id = :id").param("id", id).query(String.class).single();
    }

    private List<String> follows(long id) {
        return jdbc.sql("""
                        select coalesce(t.slug, '*') || '/' || coalesce(r.slug, '*') from subscription s
                        left join topic t on t.id = s.topic_id left join region r on r.id = s.region_id
                        where s.subscriber_id = :id
                        """)
                .param("id", id).query(String.class).list();
    }
}
