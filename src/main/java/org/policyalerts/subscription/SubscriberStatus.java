package org.policyalerts.subscription;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a reader stands. Pending until the first confirmation; active readers get mail; unsubscribed ones left
 * (and may sign up again); suppressed addresses (hard bounce, complaint) get nothing, whatever they click.
 */
public enum SubscriberStatus {
    PENDING, ACTIVE, UNSUBSCRIBED, SUPPRESSED;

    /** The database value. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriberStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown subscriber status " + code));
    }
}
