package org.policyalerts.delivery;

import java.util.Locale;

/**
 * Where a delivery stands. queued → claimed → sending → sent | failed | rejected | cancelled; back to queued on a
 * retry, on an outage, or when its lease runs out (its sender died).
 */
enum DeliveryStatus {
    QUEUED,
    /** Taken by a sender (claimed_by) until locked_until; not yet on the wire. */
    CLAIMED,
    /** Being handed to the SMTP server: the only state a crash leaves in doubt. */
    SENDING,
    SENT,
    /** Gave up after temporary failures (4xx and the like): can be queued again. */
    FAILED,
    /** Refused for good (5xx, unusable address): never queued again. */
    REJECTED,
    /** Nothing to send: the reader left, the digest is empty, or the address is suppressed. */
    CANCELLED;

    /** The database value. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
