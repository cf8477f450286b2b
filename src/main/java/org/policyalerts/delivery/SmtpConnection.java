package org.policyalerts.delivery;

import io.micrometer.core.instrument.Counter;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One sender's SMTP connection, kept open across messages (opening one costs a TCP and often a TLS
 * handshake plus AUTH). Renewed after a set number of messages, checked after idling, dropped on trouble.
 */
final class SmtpConnection implements AutoCloseable {

    private static final long IDLE_CHECK_NANOS = 10_000_000_000L;

    private final JavaMailSenderImpl config;
    private final int messagesPerConnection;
    private final Counter connectionsOpened;
    private Transport transport;
    private int sent;
    private long lastUsed;

    SmtpConnection(JavaMailSenderImpl config, int messagesPerConnection, Counter connectionsOpened) {
        this.config = config;
        this.messagesPerConnection = messagesPerConnection;
        this.connectionsOpened = connectionsOpened;
    }

    Session session() {
        return config.getSession();
    }

    /** Returns the server's reply, e.g. {@code 250 2.0.0 Ok: queued as 4Fx2}. */
    String send(MimeMessage message) throws MessagingException {
        Transport open = open();
        try {
            open.sendMessage(message, message.getAllRecipients());
            sent++;
            lastUsed = System.nanoTime();
            return open instanceof SMTPTransport smtp ? MailWriter.oneLine(smtp.getLastServerResponse()) : "accepted";
        } catch (MessagingException e) {
            if (SmtpFailure.of(e).outage()) {
                close();
            }
            throw e;
        } finally {
            if (sent >= messagesPerConnection) {
                close();
            }
        }
    }

    /**
     * The probe that tells whether an unavailable server is back: always a fresh session (greeting, EHLO, AUTH),
     * since a connection opened before the outage proves nothing. The new connection is kept for sending.
     */
    void check() throws MessagingException {
        close();
        open();
    }

    private Transport open() throws MessagingException {
        // isConnected() costs a NOOP round trip, so it is asked only of a connection that sat idle.
        if (transport != null && System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !transport.isConnected()) {
            close();
        }
        if (transport == null) {
            Transport fresh = session().getTransport(config.getProtocol() == null ? "smtp" : config.getProtocol());
            fresh.connect(config.getHost(), config.getPort(), config.getUsername(), config.getPassword());
            connectionsOpened.increment();
            transport = fresh;
            sent = 0;
            lastUsed = System.nanoTime();
        }
        return transport;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the server may already have dropped it; a new one is opened on the next send
            }
            transport = null;
        }
    }
}
