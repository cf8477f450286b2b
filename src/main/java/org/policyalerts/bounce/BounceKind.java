package org.policyalerts.bounce;

import java.util.Arrays;
import java.util.Locale;

/** What a report said about a delivery. Soft bounces are only counted; the others change the reader. */
public enum BounceKind {
    HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE;

    /** The database value. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static BounceKind of(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown bounce kind " + code));
    }
}
