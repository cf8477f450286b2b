package org.policyalerts.delivery;

import java.time.Instant;

/**
 * An outbox row a sender has taken: one reader's mail (transactional, or a digest of a run), queued at
 * {@code queuedAt} (temporary failures are retried until it is too old).
 */
public record Claim(long deliveryId, long subscriberId, String messageId, int attempts, Instant queuedAt) {
}
