package org.policyalerts.digest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Where a send run stands; derived from its planning state and its deliveries, never stored. */
public enum RunStatus {
    /** Readers are still being planned, or digests are still queued or being sent. */
    RUNNING,
    /** Every digest is settled: sent, or cancelled because the reader left. */
    DONE,
    /**
     * Every digest is settled, but some were not delivered: refused for good (5xx) or out of attempts after
     * temporary errors. The latter can be queued again ({@code POST /api/sends/{id}/retry}).
     */
    DONE_WITH_FAILURES,
    /** Planning failed; what was queued before the failure is still sent. */
    FAILED,
    /** Staff cancelled it: planning stopped and its queued digests were cancelled; the next run carries their briefs. */
    CANCELLED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown run status " + code));
    }
}
