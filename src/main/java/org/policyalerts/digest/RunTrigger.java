package org.policyalerts.digest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What started a send run: its scheduled slot came, staff asked for it (through the API or the admin UI), or an
 * urgent brief's time came.
 */
public enum RunTrigger {
    SCHEDULE, API, STAFF, URGENT;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunTrigger of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown run trigger " + code));
    }
}
