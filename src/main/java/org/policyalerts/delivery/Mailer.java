package org.policyalerts.delivery;

import jakarta.mail.MessagingException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends one mail right away, for mail a person is waiting for (the sign-up confirmation).
 * Throws {@link org.springframework.mail.MailException} when the SMTP server cannot take it.
 */
@Component
public class Mailer {

    private final JavaMailSenderImpl sender;
    private final MailWriter writer;

    Mailer(JavaMailSenderImpl sender, MailWriter writer) {
        this.sender = sender;
        this.writer = writer;
    }

    public void sendNow(Mail mail) {
        try {
            sender.send(writer.write(sender.getSession(), mail));
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
    }
}
