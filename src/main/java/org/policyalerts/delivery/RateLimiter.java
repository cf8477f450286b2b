package org.policyalerts.delivery;

import java.util.concurrent.TimeUnit;

/** Spaces messages evenly to stay under a provider's sending rate; shared by all senders of an instance. */
final class RateLimiter {

    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /** Waits until {@code n} more messages may go, spaced as if sent one by one; they then go out together. */
    void acquire(int n) throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            next = Math.max(next, now);
            wait = next + (n - 1) * intervalNanos - now;
            next += n * intervalNanos;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
