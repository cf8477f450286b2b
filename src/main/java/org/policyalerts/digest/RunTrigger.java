package org.policyalerts.digest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What started a send run: its scheduled slot came, or staff asked for it. */
public enum RunTrigger {
    SCHEDULE, API;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunTrigger of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown run trigger " + code));
    }
}
