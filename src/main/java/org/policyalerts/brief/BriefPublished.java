package org.policyalerts.brief;

/**
 * Published after the transaction that saved a brief as published commits: an urgent one is worth waking the
 * scheduler for rather than waiting for its next tick.
 */
public record BriefPublished(long briefId, boolean urgent) {
}
