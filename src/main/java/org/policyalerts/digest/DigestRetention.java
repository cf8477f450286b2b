package org.policyalerts.digest;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Forgets which briefs reached which readers once those briefs are too old to be alerted again
 * ({@code alerts.digest.max-brief-age}): from then on the ledger's "never twice" key has nothing left to guard.
 * Runs and their counts stay.
 */
@Component
public class DigestRetention {

    // Briefs stay in the ledger a day past the age limit, so an instance whose clock runs behind cannot match one
    // whose rows were just deleted.
    private static final Duration MARGIN = Duration.ofDays(1);

    private final DigestRepository repository;
    private final DigestProperties properties;
    private final Clock clock;

    DigestRetention(DigestRepository repository, DigestProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns the number of (reader, brief) rows deleted. */
    public int purgeLedger() {
        return repository.deleteLedgerOfBriefsOlderThan(properties.maxBriefAge().plus(MARGIN), clock.instant());
    }
}
