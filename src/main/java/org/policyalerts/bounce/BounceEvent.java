package org.policyalerts.bounce;

import java.time.Instant;

/** One report as staff see it: {@code status} is the DSN status (5.1.1), {@code detail} the diagnostic or feedback type. */
public record BounceEvent(long subscriberId, Long deliveryId, BounceKind kind, String status, String detail,
        Instant receivedAt) {
}
