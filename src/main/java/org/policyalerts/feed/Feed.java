package org.policyalerts.feed;

import java.time.Instant;

/** A registered feed and how its last poll went (items added and updated count that poll only). */
record Feed(long id, String url, String language, FeedMode mode, FeedStatus status, Instant lastPolledAt,
        int itemsAdded, int itemsUpdated, String lastError) {
}
