package org.policyalerts.delivery;

/**
 * The messages-per-second limit shared by every instance: a token bucket kept in one PostgreSQL row
 * ({@link Outbox#takeSendTokens}). A sender asks for its next window's worth and gets what the bucket holds, at
 * least one, waiting for it if need be; so N instances together stay under a provider's limit, where a cap per
 * instance would let them send N times it. One round trip per window, and no lock held beyond that statement.
 *
 * <p>About 30 lines rather than Bucket4j's PostgreSQL backend: that one takes a lock and a read and a write of a
 * serialised bucket per call, and hands out one size of request at a time, where a window wants "up to k".
 */
final class SendRate {

    private final Outbox outbox;
    private final double perSecond;
    private final double burst;

    SendRate(Outbox outbox, double perSecond) {
        this.outbox = outbox;
        this.perSecond = perSecond;
        // a second's worth may pile up while nobody sends, and never less than one message
        this.burst = Math.max(1, perSecond);
    }

    /** Up to {@code wanted} messages may go now (at least one; all of them when there is no limit). */
    int take(int wanted) throws InterruptedException {
        if (perSecond <= 0) {
            return wanted;
        }
        while (true) {
            Outbox.Tokens tokens = outbox.takeSendTokens(wanted, perSecond, burst);
            if (tokens.granted() > 0) {
                return tokens.granted();
            }
            long waitMillis = (long) Math.ceil((1 - tokens.left()) / perSecond * 1000);
            Thread.sleep(Math.max(1, waitMillis));
        }
    }
}
