package org.policyalerts.subscription;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a reader hears from us. */
public enum Frequency {
    IMMEDIATE, DAILY, WEEKLY;

    /** The form and API value and the database value. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Frequency> parse(String code) {
        return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
    }

    public static Frequency of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("Unknown frequency " + code));
    }
}
