package org.policyalerts.delivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a delivery stands. queued → claimed → sending → sent | failed | rejected | cancelled; back to queued on a
 * retry, on an outage, or when its lease runs out (its sender died).
 */
public enum DeliveryStatus {
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

    /** Not settled yet: its sender may still read the row (to compose the mail) or change it. */
    public static final Set<DeliveryStatus> UNSETTLED = EnumSet.of(QUEUED, CLAIMED, SENDING);

    /** The database value. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
