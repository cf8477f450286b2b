package org.policyalerts;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port against real PostgreSQL and real SMTP
 * (see {@link TestInfra}). All subclasses share one application context; each test starts from empty tables.
 * Scheduled runs are off so that tests decide when runs start; the clock is the test's to move.
 * Spring's own shutdown hook is off: {@link TestInfra} closes the contexts before it stops the servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "alerts.api-token=" + IntegrationTest.TOKEN,
        "spring.main.register-shutdown-hook=false",
        "alerts.digest.schedule-enabled=false",
        "alerts.digest.tick=1h",
        "alerts.retention.enabled=false",
        "alerts.delivery.poll=200ms",
        // tests move the clock the senders read; a lease of days keeps a jump from making a mail in flight look
        // abandoned (it would be sent twice). Lease expiry is tested with leases written by the test or own contexts.
        "alerts.delivery.lease=7d",
        "alerts.delivery.retry-backoff=1s",
        "alerts.mail-from=Policy Alerts <alerts@alerts.example.org>",
        "alerts.base-url=https://alerts.example.org",
        "alerts.feeds.allow-private-networks=true"})
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {

    public static final String TOKEN = "test-api-token";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestInfra::sharedDatabaseUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestInfra::smtpPort);
    }

    @BeforeEach
    void startEmpty() throws Exception {
        clock.reset();
        settleOutbox();
        jdbc.sql("truncate " + String.join(", ", tablesToEmpty()) + " restart identity cascade").update();
        jdbc.sql("update bounce_poll set locked_by = null, locked_until = '-infinity'").update();
        purgeOnceQuiet();
    }

    /**
     * Every table of the schema but those whose rows the migrations (or the first start) put there and the service
     * needs, so that a table added by a later migration is emptied without anyone having to remember it. The
     * taxonomy's terms and state are seeded once at the first start; bounce_key holds the VERP secret and bounce_poll
     * its one lease row, which is reset instead.
     */
    private List<String> tablesToEmpty() {
        return jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'
                          and table_name not in ('flyway_schema_history', 'topic', 'region', 'taxonomy_state',
                                                 'bounce_key', 'bounce_poll')
                        order by table_name""")
                .query(String.class).list();
    }

    /** A message the last test's senders handed over just now may still be on its way into GreenMail's store. */
    private static void purgeOnceQuiet() throws Exception {
        int seen;
        do {
            seen = mail().getReceivedMessages().length;
            Thread.sleep(100);
        } while (mail().getReceivedMessages().length != seen);
        mail().purgeEmailFromAllMailboxes();
    }

    /**
     * The senders of the shared context outlive each test: a mail the last test queued but did not wait for must
     * not land in this test's mailbox, nor its sender record over a row of this test that reuses its id.
     */
    private void settleOutbox() {
        jdbc.sql("update delivery set status = 'cancelled' where status = 'queued'").update();
        // only this JVM's senders (named "<pid>@<host>/..."); rows a test planted as another instance's stay put
        String senders = ManagementFactory.getRuntimeMXBean().getName() + "/%";
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select count(*) from delivery where status in ('claimed', 'sending') and claimed_by like :senders")
                .param("senders", senders).query(Integer.class).single() == 0);
    }

    protected static GreenMail mail() {
        return TestInfra.mail();
    }

    /** Waits for exactly {@code count} messages in total to have arrived, and returns them. */
    protected static List<MimeMessage> awaitMail(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mail().getReceivedMessages().length >= count);
        MimeMessage[] received = mail().getReceivedMessages();
        if (received.length != count) {
            throw new AssertionError("expected " + count + " messages, got " + received.length);
        }
        return List.of(received);
    }

    /**
     * Waits for {@code count} messages in total and returns the newest one to {@code recipient}. GreenMail lists mail
     * mailbox by mailbox, not in order of arrival, so "the one after the first n" is not a way to find it.
     */
    protected static MimeMessage awaitMailTo(String recipient, int count) {
        List<MimeMessage> theirs = awaitMail(count).stream().filter(m -> recipientOf(m).equals(recipient)).toList();
        if (theirs.isEmpty()) {
            throw new AssertionError("no mail to " + recipient);
        }
        return theirs.get(theirs.size() - 1);
    }

    private static String recipientOf(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
