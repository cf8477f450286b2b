package org.policyalerts.feed;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a feed's items become: drafts staff review and publish, or briefs published at once. */
enum FeedMode {
    PUBLISH, REVIEW;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FeedMode> parse(String code) {
        return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
    }
}
