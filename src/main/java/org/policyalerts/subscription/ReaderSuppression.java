package org.policyalerts.subscription;

import java.time.Clock;
import java.util.Map;
import org.policyalerts.bounce.DeliveryBounced;
import org.policyalerts.delivery.MailQueue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies what the bounce mailbox said, in the transaction that recorded it: enough hard bounces suppress the
 * address; a complaint or a mail to the List-Unsubscribe address unsubscribes the reader (with a consent record,
 * as a click on the link would leave). Either way mail still queued for them is cancelled.
 */
@Component
class ReaderSuppression {

    private static final ConsentRecord BY_MAIL = new ConsentRecord(ConsentRecord.Action.UNSUBSCRIBE,
            ConsentSource.MAIL_LINK, null, null, "List-Unsubscribe mailto or complaint report");

    private final SubscriberDirectory directory;
    private final Unsubscriptions unsubscriptions;
    private final MailQueue mailQueue;
    private final Clock clock;

    ReaderSuppression(SubscriberDirectory directory, Unsubscriptions unsubscriptions, MailQueue mailQueue,
            Clock clock) {
        this.directory = directory;
        this.unsubscriptions = unsubscriptions;
        this.mailQueue = mailQueue;
        this.clock = clock;
    }

    @EventListener
    void on(DeliveryBounced bounced) {
        long id = bounced.subscriberId();
        switch (bounced.effect()) {
            case SUPPRESS -> {
                if (directory.suppress(id)) {
                    mailQueue.cancelQueued(id, "the address bounced");
                }
            }
            case UNSUBSCRIBE -> {
                unsubscriptions.unsubscribe(id, BY_MAIL, Map.of("reason", bounced.kind().code()),
                        "the reader unsubscribed by mail or complained", clock.instant());
            }
        }
    }
}
