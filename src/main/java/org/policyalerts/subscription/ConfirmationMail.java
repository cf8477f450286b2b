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

/** The double opt-in mail: what was asked for and one link to confirm it. Nothing promotional. */
@Component
class ConfirmationMail {

    private final MailTemplates templates;
    private final MessageSource messages;
    private final FollowNames followNames;
    private final AlertsProperties alerts;

    ConfirmationMail(MailTemplates templates, MessageSource messages, FollowNames followNames, AlertsProperties alerts) {
        this.templates = templates;
        this.messages = messages;
        this.followNames = followNames;
        this.alerts = alerts;
    }

    Mail write(String email, String token, Choices choices, long validDays, Locale locale) {
        MailTemplates.Rendered body = templates.render("confirm", locale, Map.of(
                "confirmUrl", alerts.link("/confirm/" + token),
                "follows", followNames.describe(choices.follows(), locale),
                "frequency", messages.getMessage("frequency." + choices.frequency().code(), null, locale),
                "validDays", validDays,
                "publisherName", alerts.publisherName(),
                "postalAddress", alerts.postalAddress(),
                "dir", TextDirection.of(locale)));
        String subject = messages.getMessage("mail.confirm.subject", new Object[] {alerts.publisherName()}, locale);
        return new Mail(UUID.randomUUID().toString(), email, subject, body.html(), body.text(), null);
    }
}
