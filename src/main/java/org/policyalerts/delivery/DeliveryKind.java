package org.policyalerts.delivery;

import java.util.Locale;

/** What a delivery carries, and so how soon it goes: lower priority values are claimed first. */
enum DeliveryKind {
    /** A mail a person is waiting for (a confirmation link): rendered when queued, stored until settled. */
    TRANSACTIONAL(0),
    /** A reader's digest of a send run: rendered by the {@link Composer} when claimed. */
    DIGEST(1);

    private final int priority;

    DeliveryKind(int priority) {
        this.priority = priority;
    }

    int priority() {
        return priority;
    }

    /** The database value. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryKind of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
