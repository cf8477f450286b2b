package org.policyalerts.delivery;

/** An outbox row a sender has taken: the digest for one reader. */
public record Claim(long deliveryId, long subscriberId, long runId, String messageId, int attempts) {
}
