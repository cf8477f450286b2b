package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyalerts.AppRunner;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.TestInfra;
import org.policyalerts.config.AlertsProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * DKIM signatures checked by an independent verifier (Apache James jDKIM, not the library that signs), with the
 * public key served by the test instead of DNS: mail the service really sent, a tampered copy, the stable
 * Message-ID, and keys that must stop the service from starting.
 */
@ExtendWith(OutputCaptureExtension.class)
class DkimSigningTest {

    private static final Path KEY = Path.of("src/test/resources/dkim/test.pem");
    private static final AlertsProperties ALERTS = new AlertsProperties(URI.create("https://alerts.example.org"),
            "Example Institute <alerts@example.org>", "Example Institute", "1 Example Street", null, null);
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Mail DIGEST = new Mail("d-42", "reader@example.net", "Your alerts: 2 new briefs",
            "<p>Sanctions: a new brief</p>", "Sanctions: a new brief", "https://alerts.example.org/u/tok3n");

    @Test
    void aDigestSentByTheServiceVerifiesAndKeepsItsMessageId() throws Exception {
        TestInfra.mail().purgeEmailFromAllMailboxes();
        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort(),
                "alerts.mail-from=Example Institute <alerts@example.org>", "alerts.dkim.selector=test",
                "alerts.dkim.private-key-file=" + KEY.toAbsolutePath())) {
            new Fixtures(AppRunner.jdbc(app)).reader("dkim@example.net", "immediate", Instant.now().minusSeconds(3600), "*/iran");
            Http staff = new Http(AppRunner.port(app));
            staff.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
            staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> received("dkim@example.net") != null);
            String messageId = AppRunner.jdbc(app).sql("select message_id from delivery").query(String.class).single();

            MimeMessage received = received("dkim@example.net");
            byte[] raw = bytes(received);

            SignatureRecord signature = verify(raw);
            assertThat(signature.getDToken()).hasToString("example.org");
            assertThat(signature.getSelector()).hasToString("test");
            assertThat(signedHeaders(signature)).contains("from", "to", "subject", "date", "message-id", "mime-version",
                    "content-type", "list-unsubscribe", "list-unsubscribe-post");
            assertThat(received.getMessageID()).isEqualTo("<" + messageId + "@example.org>");
        }
    }

    @Test
    void theSignatureIsRsaSha256RelaxedAndCoversTheListedHeaders() throws Exception {
        SignatureRecord signature = verify(bytes(signed(DIGEST)));
        // encoded words, folded headers and a quoted-printable body sign as well
        verify(bytes(signed(new Mail("d-43", "reader@example.net",
                "هشدارهای شما: ۲ یادداشت تازه درباره‌ی تحریم‌ها و انرژی، و یک عنوان بلند که تا می‌شود",
                "<p dir=\"rtl\">تحریم‌ها: یادداشت تازه</p>", "تحریم‌ها: یادداشت تازه — " + "x".repeat(200),
                "https://alerts.example.org/u/" + "t".repeat(120)))));

        assertThat(signature.getHashKeyType() + "-" + signature.getHashMethod()).isEqualTo("rsa-sha256");
        assertThat(signature.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signedHeaders(signature)).contains("from", "to", "subject", "date", "message-id", "mime-version",
                "content-type", "list-id", "list-unsubscribe", "list-unsubscribe-post");
    }

    @Test
    void aTamperedSubjectOrBodyFailsVerification() throws Exception {
        String raw = new String(bytes(signed(DIGEST)), StandardCharsets.US_ASCII);
        assertThat(raw).contains("Subject: Your alerts: 2 new briefs", "Sanctions: a new brief");

        assertThatThrownBy(() -> verify(raw.replace("Subject: Your alerts: 2", "Subject: Your alerts: 3")
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(FailException.class);
        assertThatThrownBy(() -> verify(raw.replace("Sanctions: a new brief", "Sanctions: a fake brief")
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(FailException.class);
    }

    @Test
    void signingKeepsTheStableMessageIdEvenWhenSavedAgain() throws Exception {
        MimeMessage signed = signed(DIGEST);
        byte[] before = bytes(signed);

        signed.saveChanges(); // as Transport.send would

        assertThat(signed.getMessageID()).isEqualTo("<d-42@example.org>");
        assertThat(bytes(signed)).as("the bytes the signature covers are the bytes sent").isEqualTo(before);
        verify(bytes(signed));
    }

    @Test
    void theEnvelopeSenderIsCarriedOver() throws Exception {
        SMTPMessage message = new SMTPMessage(writer(signer(dkim(null, null, null, null))).write(SESSION, DIGEST, 42));
        message.setEnvelopeFrom("bounces+abc@example.org");

        MimeMessage signed = signer(dkim("test", null, null, KEY)).sign(message);

        assertThat(signed).isInstanceOfSatisfying(SMTPMessage.class,
                s -> assertThat(s.getEnvelopeFrom()).isEqualTo("bounces+abc@example.org"));
        verify(bytes(signed));
    }

    @Test
    void anInlineKeyWithEscapedLineBreaksAndAnOwnDomainSigns() throws Exception {
        String inline = Files.readString(KEY).replace("\n", "\\n");

        MimeMessage signed = writer(signer(dkim("s1", "mail.example.com", inline, null))).write(SESSION, DIGEST, 42);

        SignatureRecord signature = verify(bytes(signed));
        assertThat(signature.getDToken()).hasToString("mail.example.com");
        assertThat(signature.getSelector()).hasToString("s1");
    }

    @Test
    void withoutAKeyNothingIsSigned() throws Exception {
        MimeMessage written = writer(signer(dkim("test", "example.org", null, null))).write(SESSION, DIGEST, 42);

        assertThat(written.getHeader("DKIM-Signature")).isNull();
        assertThat(written.getMessageID()).isEqualTo("<d-42@example.org>");
    }

    @Test
    void keysThatCannotSignAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> dkim("test", null, null, Path.of("src/test/resources/dkim/missing.pem")))
                .hasMessageContaining("alerts.dkim.private-key-file").hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> dkim("test", null, null, Path.of("src/test/resources/dkim/ec.pem")))
                .hasMessageContaining("not an RSA private key");
        assertThatThrownBy(() -> dkim("test", null, null, Path.of("src/test/resources/dkim/short.pem")))
                .hasMessageContaining("512-bit").hasMessageContaining("1024");
        assertThatThrownBy(() -> dkim("test", null, null, Path.of("src/test/resources/dkim/pkcs1.pem")))
                .hasMessageContaining("PKCS#1").hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> dkim("test", null, "not a key", null))
                .hasMessageContaining("alerts.dkim.private-key").hasMessageContaining("not a PEM private key");
        assertThatThrownBy(() -> dkim(null, null, null, KEY)).hasMessageContaining("alerts.dkim.selector must be set");
        assertThatThrownBy(() -> dkim("test", null, "x", KEY)).hasMessageContaining("not both");
    }

    @Test
    void aBadInlineKeyStopsStartupWithoutTheKeyInTheLog(CapturedOutput output) throws Exception {
        String shortKey = Files.readString(Path.of("src/test/resources/dkim/short.pem"));
        String secretLine = shortKey.lines().skip(2).findFirst().orElseThrow();
        SpringApplicationBuilder app = new SpringApplicationBuilder(DkimOnly.class).web(WebApplicationType.NONE)
                .properties("spring.datasource.url=unused", "spring.mail.host=unused", "alerts.base-url=http://localhost",
                        "alerts.dkim.selector=test", "alerts.dkim.private-key=" + shortKey.replace("\n", "\\n"));

        assertThatThrownBy(app::run).hasStackTraceContaining("512-bit RSA key");

        assertThat(output).contains("alerts.dkim", "512-bit RSA key").doesNotContain(secretLine);
    }

    @Test
    void theSettingsNeverPrintTheKey() throws IOException {
        String pem = Files.readString(KEY);

        assertThat(dkim("test", null, pem, null).toString()).contains("privateKey=(set)")
                .doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DkimProperties.class)
    static class DkimOnly {
    }

    private static final ReturnAddresses RETURN = new ReturnAddresses() {
        @Override
        public String returnPath(long deliveryId) {
            return "bounces+" + deliveryId + "@example.org";
        }

        @Override
        public String unsubscribeAddress(long deliveryId) {
            return "unsubscribe+" + deliveryId + "@example.org";
        }
    };

    private static DkimProperties dkim(String selector, String domain, String inline, Path file) {
        return new DkimProperties(selector, domain, inline, file);
    }

    private static MailSigner signer(DkimProperties dkim) {
        return new MailSigner(dkim, ALERTS);
    }

    private static MailWriter writer(MailSigner signer) {
        return new MailWriter(ALERTS, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC), RETURN, signer);
    }

    private static MimeMessage signed(Mail mail) throws MessagingException {
        return writer(signer(dkim("test", null, null, KEY))).write(SESSION, mail, 42);
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The one valid signature, checked against the test key's public half as a DNS TXT record would give it. */
    private static SignatureRecord verify(byte[] raw) throws Exception {
        String record = "v=DKIM1; k=rsa; p=" + publicKey();
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (!"dns/txt".contentEquals(method)) {
                throw new PermFailException("only dns/txt");
            }
            return List.of(record);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(raw));
        assertThat(valid).as("signatures that verify").hasSize(1);
        return valid.get(0);
    }

    private static String publicKey() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) dkim("test", null, null, KEY).signingKey();
        byte[] spki = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
        return Base64.getEncoder().encodeToString(spki);
    }

    private static List<String> signedHeaders(SignatureRecord signature) {
        return signature.getHeaders().stream().map(h -> h.toString().toLowerCase()).toList();
    }

    private static MimeMessage received(String recipient) {
        return Stream.of(TestInfra.mail().getReceivedMessages()).filter(m -> {
            try {
                return recipient.equals(m.getAllRecipients()[0].toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElse(null);
    }
}
