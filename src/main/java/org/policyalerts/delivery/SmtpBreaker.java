package org.policyalerts.delivery;

import java.time.Duration;

/**
 * The circuit breaker in front of the SMTP server, shared by an instance's senders. An outage (the server cannot
 * be reached or refuses the session) opens it: senders hand their claims back untouched and stop claiming. Once
 * per probe interval one sender opens a connection; when that works the breaker closes and sending resumes.
 *
 * <p>A few lines rather than resilience4j: its breaker counts failure rates over call windows, while this one
 * opens on the first outage (one is proof enough), is probed by a bare connection rather than by risking a
 * message, and needs no dependency, registry or configuration mapping.
 */
final class SmtpBreaker {

    private final long probeIntervalNanos;
    private boolean open;
    private long nextProbe;

    SmtpBreaker(Duration probeInterval) {
        this.probeIntervalNanos = probeInterval.toNanos();
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** Opens it (again) until the next probe; true if it was closed, so that an outage is logged once. */
    synchronized boolean trip() {
        boolean wasClosed = !open;
        open = true;
        nextProbe = System.nanoTime() + probeIntervalNanos;
        return wasClosed;
    }

    /** True for the one sender that should probe now; the others wait {@link #millisToProbe()}. */
    synchronized boolean takeProbe() {
        if (!open || System.nanoTime() - nextProbe < 0) {
            return false;
        }
        nextProbe = System.nanoTime() + probeIntervalNanos;
        return true;
    }

    synchronized long millisToProbe() {
        return Math.max(1, (nextProbe - System.nanoTime()) / 1_000_000);
    }

    /** True if it was open: the server answers again. */
    synchronized boolean close() {
        boolean wasOpen = open;
        open = false;
        return wasOpen;
    }
}
