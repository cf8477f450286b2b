package org.policyalerts.delivery;

/** An outbox row a sender has taken: one reader's mail (transactional, or a digest of a run). */
public record Claim(long deliveryId, long subscriberId, String messageId, int attempts) {
}
