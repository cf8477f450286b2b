package org.policyalerts.subscription;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.delivery.MailQueue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What staff see of a reader and the changes they make to one (each audited, naming the reader by id). */
@Service
class SubscriberAdmin {

    /** Most mails listed on a reader's page, newest first. */
    static final int MAILS_SHOWN = 500;

    /** A follow as staff read it, flagged when it names a retired term. */
    record FollowView(String name, boolean retired) {
    }

    record ReaderPage(SubscriberDirectory.Detail reader, List<FollowView> follows,
            List<SubscriberDirectory.Consent> consents, List<SubscriberDirectory.ConfirmationLink> confirmations,
            List<SubscriberDirectory.Imported> imports, List<SubscriberDirectory.Mailed> mails) {
    }

    private final SubscriberDirectory directory;
    private final SubscriptionRepository repository;
    private final FollowNames followNames;
    private final RetiredFollows retiredFollows;
    private final MailQueue mailQueue;
    private final ReaderErasure erasure;
    private final ApplicationEventPublisher events;

    SubscriberAdmin(SubscriberDirectory directory, SubscriptionRepository repository, FollowNames followNames,
            RetiredFollows retiredFollows, MailQueue mailQueue, ReaderErasure erasure,
            ApplicationEventPublisher events) {
        this.directory = directory;
        this.repository = repository;
        this.followNames = followNames;
        this.retiredFollows = retiredFollows;
        this.mailQueue = mailQueue;
        this.erasure = erasure;
        this.events = events;
    }

    Optional<ReaderPage> page(long id) {
        return directory.find(id).map(reader -> new ReaderPage(reader,
                repository.follows(List.of(id)).getOrDefault(id, List.of()).stream()
                        .map(f -> new FollowView(followNames.describe(List.of(f), Locale.ENGLISH), retiredFollows.retired(f)))
                        .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                        .toList(),
                directory.consents(id), directory.confirmations(id), directory.imports(id), directory.mailed(id, MAILS_SHOWN)));
    }

    /**
     * Stops all mail to the address at once: its queued mail (digests and confirmation links) is cancelled now,
     * and the outbox refuses new mail to it. False if it was suppressed already.
     */
    @Transactional
    public boolean suppress(long id) {
        if (!directory.suppress(id)) {
            return false;
        }
        int cancelled = mailQueue.cancelQueued(id, "the address was suppressed by staff");
        events.publishEvent(StaffAction.now("subscriber.suppressed", "reader " + id,
                cancelled + " queued mail(s) cancelled"));
        return true;
    }

    /**
     * Erases the reader as their own request would ({@link ReaderErasure}): everything about them is deleted, their
     * address stays only as a hash on the suppression list. False if there is no such reader (erased already).
     */
    @Transactional
    public boolean erase(long id) {
        if (!erasure.erase(id)) {
            return false;
        }
        events.publishEvent(StaffAction.now("subscriber.erased", "reader " + id,
                "everything deleted; the address is kept only as a hash on the suppression list"));
        return true;
    }

    @Transactional
    public boolean unsuppress(long id) {
        if (!directory.unsuppress(id)) {
            return false;
        }
        events.publishEvent(StaffAction.now("subscriber.unsuppressed", "reader " + id, ""));
        return true;
    }
}
