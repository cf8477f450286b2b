package org.policyalerts.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.delivery.Mail;
import org.policyalerts.delivery.MailQueue;
import org.policyalerts.delivery.MailWriter;
import org.policyalerts.staff.StaffFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bounce mailbox end to end: report fixtures in the formats Postfix, Exchange, Gmail and Yahoo send
 * (src/test/resources/bounces) are put in a GreenMail IMAP mailbox and read by a poller pointed at it.
 */
class BounceMailboxTest extends IntegrationTest {

    private static final String BOX = "bounces@alerts.example.org";
    private static final String PASSWORD = "bounce-box-password";
    private static GreenMail imap;
    private static GreenMailUser box;

    @Autowired
    BounceProcessor processor;
    @Autowired
    BounceRepository repository;
    @Autowired
    VerpAddresses verp;
    @Autowired
    MailWriter writer;
    @Autowired
    MailQueue mailQueue;
    @Autowired
    TransactionTemplate transactions;

    private Fixtures fixtures;

    @BeforeAll
    static void startImap() {
        imap = new GreenMail(new ServerSetup[] {
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(BOX, BOX, PASSWORD));
        imap.start();
        box = imap.getUserManager().getUser(BOX);
    }

    @AfterAll
    static void stopImap() {
        imap.stop();
    }

    @BeforeEach
    void emptyBox() throws Exception {
        imap.purgeEmailFromAllMailboxes();
        fixtures = new Fixtures(jdbc);
    }

    @Test
    void aPostfixHardBounceSuppressesTheAddressAndIsDeleted() throws Exception {
        long reader = reader("gone@reader.example.net");
        long delivery = delivery(reader);
        put("postfix-hard-bounce.eml", delivery);

        BouncePoller.Outcome outcome = poller(1).poll();

        assertThat(outcome).isEqualTo(new BouncePoller.Outcome(true, 1, 0, 0));
        assertThat(status(reader)).isEqualTo("suppressed");
        assertThat(repository.forDeliveries(List.of(delivery))).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(BounceKind.HARD_BOUNCE);
            assertThat(e.status()).isEqualTo("5.1.1");
            assertThat(e.detail()).contains("User unknown");
        });
        assertThat(count("INBOX")).isZero();
    }

    @Test
    void pop3DeletesWhatItRecordedAndLeavesWhatItCannotRead() throws Exception {
        long reader = reader("gone@reader.example.net");
        long delivery = delivery(reader);
        put("exchange-hard-bounce.eml", delivery);
        put("out-of-office.eml", delivery);
        BounceProperties pop3 = new BounceProperties(null, "127.0.0.1", imap.getPop3().getPort(),
                BounceProperties.Protocol.POP3, BOX, PASSWORD, "INBOX", "unparsed", Duration.ofMinutes(1),
                Duration.ofMinutes(5), 1);

        BouncePoller.Outcome outcome = new BouncePoller(pop3, processor, repository, clock).poll();

        assertThat(outcome).isEqualTo(new BouncePoller.Outcome(true, 1, 0, 1));
        assertThat(status(reader)).isEqualTo("suppressed");
        assertThat(count("INBOX")).isEqualTo(1);
    }

    @Test
    void aGmailSoftBounceIsCountedOnly() throws Exception {
        long reader = reader("full@gmail.example.com");
        long delivery = delivery(reader);
        put("gmail-soft-bounce.eml", delivery);

        assertThat(poller(1).poll().recorded()).isEqualTo(1);

        assertThat(status(reader)).isEqualTo("active");
        assertThat(repository.forReader(reader, 10)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(BounceKind.SOFT_BOUNCE);
            assertThat(e.status()).isEqualTo("4.2.2");
        });
    }

    @Test
    void withAThresholdOfTwoTheSecondHardBounceSuppresses() throws Exception {
        long reader = reader("someone@corp.example.com");
        BouncePoller poller = poller(2);
        put("postfix-hard-bounce.eml", delivery(reader));
        poller.poll();
        assertThat(status(reader)).isEqualTo("active");

        put("exchange-hard-bounce.eml", delivery(reader));
        poller.poll();

        assertThat(status(reader)).isEqualTo("suppressed");
        assertThat(repository.forReader(reader, 10)).extracting(BounceEvent::status).containsExactly("5.1.10", "5.1.1");
    }

    @Test
    void theSameReportReadTwiceCountsOnce() throws Exception {
        long reader = reader("gone@reader.example.net");
        long delivery = delivery(reader);
        put("postfix-hard-bounce.eml", delivery);
        put("postfix-hard-bounce.eml", delivery);

        BouncePoller.Outcome outcome = poller(2).poll();

        assertThat(outcome).isEqualTo(new BouncePoller.Outcome(true, 1, 1, 0));
        assertThat(status(reader)).isEqualTo("active");
        assertThat(repository.count(reader, BounceKind.HARD_BOUNCE)).isEqualTo(1);
    }

    @Test
    void anArfComplaintUnsubscribesTheReaderFoundByTheOriginalMessageId() throws Exception {
        long reader = reader("annoyed@yahoo.example.com");
        long delivery = delivery(reader);
        put("yahoo-arf-complaint.eml", delivery);

        assertThat(poller(1).poll().recorded()).isEqualTo(1);

        assertThat(status(reader)).isEqualTo("unsubscribed");
        assertThat(repository.forDeliveries(List.of(delivery))).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("feedback-type abuse from Yahoo!-Mail-Feedback/2.0"));
        assertThat(jdbc.sql("select action || ' ' || source from consent where subscriber_id = :id").param("id", reader)
                .query(String.class).list()).containsExactly("unsubscribe mail-link");
    }

    @Test
    void aMailToTheListUnsubscribeAddressUnsubscribesThatReader() throws Exception {
        long reader = reader("reader@reader.example.net");
        long other = reader("other@reader.example.net");
        long delivery = delivery(reader);
        MimeMessage sent = writer.write(Session.getInstance(new Properties()), new Mail("m", "reader@reader.example.net",
                "Alerts", "<p>x</p>", "x", "https://alerts.example.org/unsubscribe/t"), delivery);
        Matcher mailto = Pattern.compile("^<https://alerts\\.example\\.org/unsubscribe/t>, <mailto:([^?>]+)\\?subject=unsubscribe>$")
                .matcher(sent.getHeader("List-Unsubscribe", null));
        assertThat(mailto.matches()).isTrue();
        put("mailto-unsubscribe.eml", delivery, mailto.group(1));

        assertThat(poller(1).poll().recorded()).isEqualTo(1);

        assertThat(status(reader)).isEqualTo("unsubscribed");
        assertThat(status(other)).isEqualTo("active");
        assertThat(repository.forReader(reader, 10)).extracting(BounceEvent::kind).containsExactly(BounceKind.UNSUBSCRIBE);
    }

    @Test
    void aForgedUnsubscribeAddressAndAnAutoReplyAreKeptAsideNotDeleted() throws Exception {
        long reader = reader("reader@reader.example.net");
        long delivery = delivery(reader);
        String forged = verp.unsubscribeAddress(delivery).replaceFirst("-[0-9a-f]{12}@", "-000000000000@");
        put("mailto-unsubscribe.eml", delivery, forged);
        put("out-of-office.eml", delivery);

        BouncePoller.Outcome outcome = poller(1).poll();

        assertThat(outcome).isEqualTo(new BouncePoller.Outcome(true, 0, 0, 2));
        assertThat(status(reader)).isEqualTo("active");
        assertThat(repository.forReader(reader, 10)).isEmpty();
        assertThat(count("INBOX")).isZero();
        assertThat(count("unparsed")).isEqualTo(2);
    }

    @Test
    void aReportAboutAStaffTestMailIsKeptAsideAndDoesNotBlockTheRealBounceBehindIt() throws Exception {
        // a test mail to staff: transactional, to no reader
        long staffTest = jdbc.sql("""
                        insert into delivery (kind, priority, status, next_attempt_at, message_id, created_at, sent_at)
                        values ('transactional', 0, 'sent', now(), :messageId, now(), now()) returning id
                        """)
                .param("messageId", UUID.randomUUID().toString()).query(Long.class).single();
        long reader = reader("gone@reader.example.net");
        long delivery = delivery(reader);
        put("postfix-hard-bounce.eml", staffTest);
        put("exchange-hard-bounce.eml", delivery);

        BouncePoller.Outcome outcome = poller(1).poll();

        assertThat(repository.delivery(staffTest)).as("no reader to name").isEmpty();
        assertThat(outcome).isEqualTo(new BouncePoller.Outcome(true, 1, 0, 1));
        assertThat(status(reader)).isEqualTo("suppressed");
        assertThat(repository.forDeliveries(List.of(delivery))).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(BounceKind.HARD_BOUNCE));
        assertThat(repository.forDeliveries(List.of(staffTest))).isEmpty();
        assertThat(count("INBOX")).isZero();
        assertThat(count("unparsed")).isEqualTo(1);
    }

    @Test
    void aReportWhoseRecordingFailsIsKeptAsideAndDoesNotBlockTheReportsBehindIt() throws Exception {
        long poisoned = delivery(reader("first@reader.example.net"));
        long reader = reader("gone@reader.example.net");
        long delivery = delivery(reader);
        put("postfix-hard-bounce.eml", poisoned);
        put("exchange-hard-bounce.eml", delivery);
        // stands for whatever in one report makes its record fail every time (a value the table refuses)
        jdbc.sql("alter table bounce_event add constraint poisoned check (delivery_id <> " + poisoned + ")").update();
        BouncePoller.Outcome outcome;
        try {
            outcome = poller(1).poll();
        } finally {
            jdbc.sql("alter table bounce_event drop constraint poisoned").update();
        }

        assertThat(outcome).isEqualTo(new BouncePoller.Outcome(true, 1, 0, 1));
        assertThat(status(reader)).isEqualTo("suppressed");
        assertThat(repository.forDeliveries(List.of(poisoned))).isEmpty();
        assertThat(count("INBOX")).isZero();
        assertThat(count("unparsed")).isEqualTo(1);
    }

    @Test
    void aPollAnotherInstanceHoldsIsNotRunAndTwoPollersNeverDoubleProcess() throws Exception {
        long reader = reader("gone@reader.example.net");
        put("postfix-hard-bounce.eml", delivery(reader));
        put("gmail-soft-bounce.eml", delivery(reader));
        put("yahoo-arf-complaint.eml", delivery(reader));

        repository.claimPoll("another-instance", clock.instant(), Duration.ofMinutes(5));
        assertThat(poller(5).poll()).isEqualTo(new BouncePoller.Outcome(false, 0, 0, 0));
        assertThat(count("INBOX")).isEqualTo(3);
        repository.releasePoll("another-instance");

        BouncePoller first = poller(5);
        BouncePoller second = poller(5);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Callable<BouncePoller.Outcome> a = () -> { together.await(); return first.poll(); };
            Callable<BouncePoller.Outcome> b = () -> { together.await(); return second.poll(); };
            List<Future<BouncePoller.Outcome>> outcomes = threads.invokeAll(List.of(a, b));
            int recorded = outcomes.get(0).get().recorded() + outcomes.get(1).get().recorded();
            assertThat(recorded).isEqualTo(3);
            // the report's unique id alone would keep recorded at 3: a report read by both pollers shows as ignored
            int seenTwice = outcomes.get(0).get().ignored() + outcomes.get(1).get().ignored();
            assertThat(seenTwice).as("reports read by both pollers").isZero();
        } finally {
            threads.shutdownNow();
        }
        assertThat(repository.forReader(reader, 10)).hasSize(3);
        assertThat(count("INBOX")).isZero();
    }

    @Test
    void sentMailCarriesItsDeliverysVerpReturnPath() {
        long reader = reader("verp@reader.example.net");
        long delivery = transactions.execute(tx -> mailQueue.enqueue(reader,
                new Mail(UUID.randomUUID().toString(), "verp@reader.example.net", "Hello", "<p>hi</p>", "hi", null)));

        MimeMessage received = awaitMail(1).get(0);

        String returnPath = verp.returnPath(delivery);
        assertThat(returnPath).matches("bounces\\+" + delivery + "-[0-9a-f]{12}@alerts\\.example\\.org");
        assertThat(header(received, "Return-Path")).isEqualTo("<" + returnPath + ">");
        assertThat(verp.parse(returnPath)).contains(new VerpAddresses.Verp(VerpAddresses.Purpose.BOUNCES, delivery));
    }

    @Test
    void theReadersAdminPageListsTheirBounces() throws Exception {
        long reader = reader("gone@reader.example.net");
        put("postfix-hard-bounce.eml", delivery(reader));
        poller(1).poll();

        StaffFixture.editor(jdbc, "ed@example.org");
        Http.Response page = StaffFixture.signIn(port, "ed@example.org").get("/admin/subscribers/" + reader);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Bounces and complaints", "hard-bounce", "5.1.1");
    }

    private BouncePoller poller(int hardBounceThreshold) {
        BounceProperties properties = new BounceProperties(null, "127.0.0.1", imap.getImap().getPort(),
                BounceProperties.Protocol.IMAP, BOX, PASSWORD, "INBOX", "unparsed", Duration.ofMinutes(1),
                Duration.ofMinutes(5), hardBounceThreshold);
        return new BouncePoller(properties, processor, repository, clock);
    }

    private long reader(String email) {
        return fixtures.reader(email, "daily", Instant.parse("2026-11-01T00:00:00Z"), "*/*");
    }

    /** A delivery already sent, whose Message-ID the fixtures quote. */
    private long delivery(long reader) {
        return jdbc.sql("""
                        insert into delivery (kind, priority, subscriber_id, status, next_attempt_at, message_id, created_at, sent_at)
                        values ('transactional', 0, :reader, 'sent', now(), :messageId, now(), now()) returning id
                        """)
                .param("reader", reader).param("messageId", UUID.randomUUID().toString()).query(Long.class).single();
    }

    private void put(String fixture, long delivery) throws Exception {
        put(fixture, delivery, verp.unsubscribeAddress(delivery));
    }

    private void put(String fixture, long delivery, String unsubscribeAddress) throws Exception {
        String messageId = jdbc.sql("select message_id from delivery where id = :id").param("id", delivery)
                .query(String.class).single();
        String text;
        try (InputStream in = getClass().getResourceAsStream("/bounces/" + fixture)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("{{VERP}}", verp.returnPath(delivery))
                .replace("{{UNSUBSCRIBE}}", unsubscribeAddress)
                .replace("{{MESSAGE_ID}}", "<" + messageId + "@alerts.example.org>")
                .replace("\r\n", "\n").replace("\n", "\r\n");
        box.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    private int count(String folderName) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), BOX, PASSWORD);
        try {
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : 0;
        } finally {
            store.close();
        }
    }

    private String status(long reader) {
        return jdbc.sql("select status from subscriber where id = :id").param("id", reader).query(String.class).single();
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
