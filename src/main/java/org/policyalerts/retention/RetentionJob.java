package org.policyalerts.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.policyalerts.digest.DigestRetention;
import org.policyalerts.subscription.SignUpRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Once a day, at {@code alerts.retention.run-at} or as soon after as an instance is up, one instance claims the
 * day in the database and has each feature delete what it no longer needs. Everything goes by age, so a day
 * that was missed or cut short is made up by the next one.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionRepository repository;
    private final SignUpRetention signUps;
    private final DigestRetention digests;
    private final RetentionProperties properties;
    private final Clock clock;
    // the last day this instance claimed or saw claimed: saves asking the database again every tick
    private volatile LocalDate settled;

    RetentionJob(RetentionRepository repository, SignUpRetention signUps, DigestRetention digests,
            RetentionProperties properties, Clock clock) {
        this.repository = repository;
        this.signUps = signUps;
        this.digests = digests;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs today's purge if its time has come and no instance has run it yet; true if this call ran it. */
    boolean runIfDue() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(properties.zone());
        LocalDate today = local.toLocalDate();
        if (local.toLocalTime().isBefore(properties.runAt()) || today.equals(settled)) {
            return false;
        }
        settled = today;
        if (!repository.claim(today, now)) {
            return false;
        }
        SignUpRetention.Purged signUpsPurged = signUps.purge(properties.unconfirmedAfter());
        int ledgerRows = digests.purgeLedger();
        repository.finish(today, clock.instant());
        log.info("Retention {}: deleted {} sign-up(s) never confirmed, {} unused confirmation link(s), {} manage-link "
                        + "mail record(s) over a day old, and {} ledger row(s) of briefs too old to be alerted again",
                today, signUpsPurged.unconfirmedReaders(), signUpsPurged.unusedConfirmations(),
                signUpsPurged.manageLinkMails(), ledgerRows);
        return true;
    }
}
