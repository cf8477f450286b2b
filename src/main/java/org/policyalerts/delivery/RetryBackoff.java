package org.policyalerts.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a delivery is tried again after a temporary failure: exponential in the attempts made, with
 * "equal jitter": half the exponential wait is fixed, the other half random. A greylisting or throttling server
 * answers a whole window with 4xx at once; without jitter those retries would come back as one burst, attempt
 * after attempt. Keeping half fixed means a retry never comes sooner than half its planned wait (full jitter
 * could retry at once).
 */
final class RetryBackoff {

    /** 2^20 times the first wait is far past any give-up age, and keeps the arithmetic in range. */
    private static final int MAX_DOUBLINGS = 20;

    private final long firstMillis;

    RetryBackoff(Duration first) {
        this.firstMillis = first.toMillis();
    }

    Duration after(int attempts) {
        return after(attempts, ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code attempts}-th attempt failed, for {@code random} in [0, 1): within [w/2, w]. */
    Duration after(int attempts, double random) {
        long full = firstMillis << Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS);
        long half = full / 2;
        return Duration.ofMillis(half + (long) (random * (full - half + 1)));
    }
}
