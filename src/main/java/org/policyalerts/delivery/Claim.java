package org.policyalerts.delivery;

/** An outbox row a sender has taken: one reader's mail; {@code runId} is that of a digest's run, null for transactional mail. */
public record Claim(long deliveryId, long subscriberId, Long runId, String messageId, int attempts) {
}
