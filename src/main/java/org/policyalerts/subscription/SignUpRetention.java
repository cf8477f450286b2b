package org.policyalerts.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Deletes what double opt-in leaves behind: sign-ups never confirmed, and confirmation links never used.
 * Used links stay, as the record of each reader's consent. Also the log of manage links mailed, once older than
 * the day it caps.
 */
@Component
public class SignUpRetention {

    /** What one purge deleted. */
    public record Purged(int unconfirmedReaders, int unusedConfirmations, int manageLinkMails) {
    }

    private final SubscriptionRepository repository;
    private final SubscriptionProperties properties;
    private final Clock clock;

    SignUpRetention(SubscriptionRepository repository, SubscriptionProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Deletes readers who never confirmed and whose last request is older than {@code olderThan}, with their
     * links, then other readers' links left unused that long. Never a link that still works: the age is at
     * least the links' lifetime.
     */
    public Purged purge(Duration olderThan) {
        Instant now = clock.instant();
        Instant madeBefore = now.minus(olderThan.compareTo(properties.confirmationTtl()) > 0
                ? olderThan : properties.confirmationTtl());
        int readers = repository.deleteUnconfirmedReaders(madeBefore);
        int confirmations = repository.deleteUnusedConfirmations(madeBefore, now);
        return new Purged(readers, confirmations, repository.deleteManageLinkMails(now.minus(Duration.ofDays(1))));
    }
}
