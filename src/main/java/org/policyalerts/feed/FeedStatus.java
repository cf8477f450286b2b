package org.policyalerts.feed;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a feed's last poll went: new (never polled), ok, not-modified (304), failed (see its last error). */
enum FeedStatus {
    NEW("new"), OK("ok"), NOT_MODIFIED("not-modified"), FAILED("failed");

    private final String code;

    FeedStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    static FeedStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown feed status " + code));
    }
}
