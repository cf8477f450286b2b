package org.policyalerts.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.policyalerts.config.AlertsProperties;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link Mail} into a MIME message with the headers every mail carries. Header values made
 * from data (subject, names) are flattened to one line first: a CR/LF there would start a new header.
 */
@Component
public class MailWriter {

    // Jakarta Mail 2.1 looks its StreamProvider up with a new ServiceLoader for every multipart and encoder
    // (jakartaee/mail-api#699, #861); inside the Boot jar each lookup walks the nested jars, 31 % of a sender's time
    // in the profile (docs/benchmarks.md). The system property it reads first names Angus's provider directly.
    static {
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    private final InternetAddress from;
    private final String domain;
    private final String listId;
    private final Clock clock;
    private final ReturnAddresses verp;
    private final MailSigner signer;

    MailWriter(AlertsProperties properties, Clock clock, ReturnAddresses verp, MailSigner signer) {
        this.from = properties.from();
        this.domain = properties.mailDomain();
        this.listId = listId(properties.publisherName(), domain);
        this.clock = clock;
        this.verp = verp;
        this.signer = signer;
    }

    /** {@code deliveryId} names the outbox row in the VERP return path and the mailto unsubscribe address. */
    public MimeMessage write(Session session, Mail mail, long deliveryId) throws MessagingException {
        StableIdMessage message = new StableIdMessage(session, "<" + mail.messageId() + "@" + domain + ">");
        message.setEnvelopeFrom(verp.returnPath(deliveryId));
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(oneLine(mail.subject()), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        if (mail.unsubscribeUrl() != null) {
            message.setHeader("List-Id", listId);
            message.setHeader("List-Unsubscribe", "<" + oneLine(mail.unsubscribeUrl()) + ">, <mailto:"
                    + verp.unsubscribeAddress(deliveryId) + "?subject=unsubscribe>");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        // last, once every header is final: DKIM (when configured) covers them and the body as they will be sent
        return signer.sign(message);
    }

    private static String listId(String publisherName, String domain) {
        String name = oneLine(publisherName).replace("\\", "\\\\").replace("\"", "\\\"");
        try {
            return MimeUtility.encodeText("\"" + name + "\"", "UTF-8", null) + " <alerts." + domain + ">";
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Control characters (line breaks, tabs) become single spaces: a value fit for a header, a log line or a column. */
    public static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t\\x00-\\x1F\\x7F]+", " ").strip();
    }

    /**
     * Keeps the Message-ID minted when the digest was planned, so a message sent again after a crash
     * carries the same id and receiving systems can recognise it as the same message.
     */
    private static final class StableIdMessage extends SMTPMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
