package org.policyalerts.subscription;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.delivery.Mail;
import org.policyalerts.delivery.MailTemplates;
import org.policyalerts.web.TextDirection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The mail "Manage my alerts" sends: the link to the reader's preference centre, and nothing else. */
@Component
class ManageLinkMail {

    private final MailTemplates templates;
    private final MessageSource messages;
    private final AlertsProperties alerts;

    ManageLinkMail(MailTemplates templates, MessageSource messages, AlertsProperties alerts) {
        this.templates = templates;
        this.messages = messages;
        this.alerts = alerts;
    }

    Mail write(String email, String manageToken, Locale locale) {
        MailTemplates.Rendered body = templates.render("manage", locale, Map.of(
                "preferencesUrl", alerts.link("/preferences/" + manageToken),
                "publisherName", alerts.publisherName(),
                "postalAddress", alerts.postalAddress(),
                "dir", TextDirection.of(locale)));
        String subject = messages.getMessage("mail.manage.subject", new Object[] {alerts.publisherName()}, locale);
        return new Mail(UUID.randomUUID().toString(), email, subject, body.html(), body.text(), null);
    }
}
