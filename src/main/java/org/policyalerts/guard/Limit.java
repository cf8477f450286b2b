package org.policyalerts.guard;

import java.time.Duration;

/** The three limits, checked in this order; a post refused by one is not counted by the next. */
enum Limit {
    IP, MAILBOX, GLOBAL;

    /** As stored in guard_counter.limit_name, and as the 429 page's {@code guardLimit} attribute. */
    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    int max(GuardProperties properties) {
        return switch (this) {
            case IP -> properties.perIp();
            case MAILBOX -> properties.perMailbox();
            case GLOBAL -> properties.global();
        };
    }

    Duration window(GuardProperties properties) {
        return switch (this) {
            case IP -> properties.perIpWindow();
            case MAILBOX -> properties.perMailboxWindow();
            case GLOBAL -> properties.globalWindow();
        };
    }
}
