package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The CSV export: every reader with their follows, streamed page by page, no cell a spreadsheet would run. */
class SubscriberExportTest extends IntegrationTest {

    private static final int READERS = 3000;

    @Autowired
    WebApplicationContext context;

    @Autowired
    SubscriberCsvExport export;

    @Test
    void everyReaderIsExportedWithFollowsAndNoCellIsAFormula() throws Exception {
        manyReaders();
        Fixtures fixtures = new Fixtures(jdbc);
        long hostile = fixtures.reader("=HYPERLINK(\"http://evil.example\",\"x\")@example.org", "daily",
                clock.instant(), "energy-economics/iran", "energy-economics/iraq");
        fixtures.reader("+1+2@example.org", "weekly", clock.instant(), "*/iran", "terrorism/*");
        fixtures.reader("-3@example.org", "weekly", clock.instant(), "*/*");
        fixtures.reader("@SUM(A1)@example.org", "weekly", clock.instant());
        fixtures.reader("\tcmd@example.org", "weekly", clock.instant());
        jdbc.sql("update subscriber set language = '=1+1' where id = :id").param("id", hostile).update();
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        // the staff chain signs out any authentication without an enabled staff_user of exactly that role
        StaffFixture.admin(jdbc, "ada");

        MvcResult started = mvc.perform(get("/admin/subscribers/export").with(user("ada").roles("ADMIN")))
                .andExpect(request().asyncStarted()).andReturn();
        MvcResult done = mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
                .andReturn();

        String csv = done.getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Csv.Row> rows = Csv.parse(csv, 10_000);
        assertThat(rows).hasSize(1 + READERS + 5);
        assertThat(rows.get(0).cells()).isEqualTo(SubscriberCsvExport.HEADER);
        for (Csv.Row row : rows) {
            for (String cell : row.cells()) {
                assertThat(cell).as("line %d", row.line()).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
        }
        assertThat(row(rows, "'=HYPERLINK")).containsSubsequence("'=HYPERLINK(\"http://evil.example\",\"x\")@example.org",
                "active", "daily", "'=1+1", "energy-economics", "iran;iraq", "all",
                "energy-economics/iran;energy-economics/iraq");
        assertThat(row(rows, "'+1+2")).containsSubsequence("terrorism", "iran", "any", "*/iran;terrorism/*");
        assertThat(row(rows, "'-3")).containsSubsequence("*", "*", "any", "*/*");
        assertThat(row(rows, "'@SUM")).isNotEmpty();
        assertThat(row(rows, "'\tcmd")).isNotEmpty();
        assertThat(row(rows, "reader2999@example.org")).containsSubsequence("reader2999@example.org", "active", "daily",
                "en", "", "iran", "any", "*/iran");
    }

    @Test
    void theExportReachesTheClientPageByPageNotAllAtTheEnd() throws Exception {
        manyReaders();
        List<Integer> linesAtEachFlush = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream client = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                linesAtEachFlush.add(bytes.toString(StandardCharsets.UTF_8).split("\r\n", -1).length - 1);
            }
        };

        export.write(client);

        // 1000 readers per page (alerts.subscribers.export-fetch-size): the client has them before the next is read
        assertThat(linesAtEachFlush).hasSizeGreaterThanOrEqualTo(3);
        assertThat(linesAtEachFlush.get(0)).isBetween(1000, 1100);
        assertThat(linesAtEachFlush.get(linesAtEachFlush.size() - 1)).isEqualTo(1 + READERS);
    }

    @Test
    void cellsAreQuotedAndNeutralised() {
        assertThat(Csv.line(List.of("a,b", "say \"hi\"", "=1+1", "-2", "+3", "@4", "\tx", "\ry", "plain", "", "line\nbreak")))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",'=1+1,'-2,'+3,'@4,'\tx,\"'\ry\",plain,,\"line\nbreak\"\r\n");
    }

    @Test
    void followColumnsReadAsTheFormWouldHaveThem() {
        assertThat(SubscriberCsvExport.followColumns(List.of("*/*"))).containsExactly("*", "*", "any");
        assertThat(SubscriberCsvExport.followColumns(List.of("a/*", "*/x"))).containsExactly("a", "x", "any");
        assertThat(SubscriberCsvExport.followColumns(List.of("a/x", "a/y", "b/x", "b/y"))).containsExactly("a;b", "x;y", "all");
        assertThat(SubscriberCsvExport.followColumns(List.of("a/x", "a/y", "b/x"))).containsExactly("a;b", "x;y", "");
        assertThat(SubscriberCsvExport.followColumns(List.of())).containsExactly("", "", "");
    }

    private void manyReaders() {
        jdbc.sql("""
                        with r as (
                            insert into subscriber (email, status, frequency, manage_token, created_at, confirmed_at)
                            select 'reader' || i || '@example.org', 'active', 'daily', md5(i::text) || md5(i::text), now(), now()
                            from generate_series(0, :n - 1) i returning id)
                        insert into subscription (subscriber_id, region_id, created_at)
                        select r.id, (select id from region where slug = 'iran'), now() from r
                        """)
                .param("n", READERS).update();
        clock.advance(Duration.ofSeconds(1));
    }

    private static List<String> row(List<Csv.Row> rows, String emailStart) {
        return rows.stream().filter(r -> r.cells().get(1).startsWith(emailStart)).findFirst().orElseThrow().cells();
    }
}
