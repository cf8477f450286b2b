package org.policyalerts.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.policyalerts.delivery.Mail;
import org.policyalerts.delivery.MailQueue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Manage my alerts": mails a subscribed reader the link to their preference centre, through the outbox. The
 * caller gives every address the same answer. The work is alike but not equal: the same lookup runs and the same
 * mail is rendered whether or not the address subscribes, but only a subscribed reader below the daily cap has the
 * mail queued and recorded, so the time taken can differ by those two inserts. Making the writes equal would mean
 * storing rows about addresses that never subscribed.
 */
@Service
class ManageLinks {

    private final SubscriptionRepository repository;
    private final ManageLinkMail mail;
    private final MailQueue mailQueue;
    private final SubscriptionProperties properties;
    private final Clock clock;

    ManageLinks(SubscriptionRepository repository, ManageLinkMail mail, MailQueue mailQueue,
            SubscriptionProperties properties, Clock clock) {
        this.repository = repository;
        this.mail = mail;
        this.mailQueue = mailQueue;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void request(String email, Locale locale) {
        Instant now = clock.instant();
        String address = SubscribeFormValidator.normalize(email);
        SubscriptionRepository.ManageLookup reader = repository.lookUpForManageLink(address, now.minus(Duration.ofDays(1)));
        boolean subscribed = reader.subscriberId() != null;
        Locale language = subscribed ? Locale.forLanguageTag(reader.language()) : locale;
        // to the address as the reader gave it when they signed up, not as typed now
        Mail written = mail.write(subscribed ? reader.email() : address,
                subscribed ? reader.manageToken() : Tokens.random(), language);
        if (subscribed && reader.mailedToday() < properties.manageLinksPerDay()) {
            mailQueue.enqueue(reader.subscriberId(), written);
            repository.recordManageLinkMail(reader.subscriberId(), now);
        }
    }
}
