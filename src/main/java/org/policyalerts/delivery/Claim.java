package org.policyalerts.delivery;

/** An outbox row a sender has taken: the digest for one reader of run {@code runId}. */
public record Claim(long deliveryId, long subscriberId, Long runId, String messageId, int attempts) {
}
