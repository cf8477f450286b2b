package org.policyalerts.subscription;

import java.time.Instant;
import java.util.Map;
import org.policyalerts.delivery.MailQueue;
import org.springframework.stereotype.Component;

/**
 * The one way a reader leaves, whatever they clicked or mailed: one-click link, the last follow stopped, a
 * List-Unsubscribe mail or a complaint. Each caller runs it in its own transaction.
 */
@Component
class Unsubscriptions {

    private final SubscriptionRepository repository;
    private final Consents consents;
    private final MailQueue mailQueue;

    Unsubscriptions(SubscriptionRepository repository, Consents consents, MailQueue mailQueue) {
        this.repository = repository;
        this.consents = consents;
        this.mailQueue = mailQueue;
    }

    /**
     * Sets the status and drops the reader's rows; if they were active, leaves an {@code unsubscribe} consent record
     * with the caller's circumstances (whatever {@code consent}'s action). Mail still queued for them (a digest, a
     * manage link) is cancelled either way: after this nothing more reaches them.
     */
    void unsubscribe(long subscriberId, ConsentRecord consent, Map<String, ?> details, String reason, Instant now) {
        if (repository.unsubscribe(subscriberId, now)) {
            consents.change(subscriberId, new ConsentRecord(ConsentRecord.Action.UNSUBSCRIBE, consent.source(),
                    consent.wordingVersion(), consent.clientIp(), consent.userAgent()), details, now);
        }
        mailQueue.cancelQueued(subscriberId, reason);
    }
}
