package org.policyalerts.brief;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a brief stands. Only a published brief is matched, once its publication time has come; until then it is
 * shown as {@link #SCHEDULED}, which is derived from the time and never stored. Retraction is final: a retracted
 * brief is never matched again and is dropped from digests still in the outbox.
 */
public enum BriefState {
    DRAFT, SCHEDULED, PUBLISHED, RETRACTED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value stored in brief.state: a scheduled brief is a published one whose time has not come. */
    String stored() {
        return this == SCHEDULED ? PUBLISHED.code() : code();
    }

    /** Whether a digest may still carry the brief (a brief retracted or back in draft after it was queued may not). */
    public boolean mailable() {
        return this == PUBLISHED || this == SCHEDULED;
    }

    public static Optional<BriefState> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    static BriefState of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("Unknown brief state " + code));
    }
}
