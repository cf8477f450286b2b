package org.policyalerts.digest;

import java.time.Instant;
import org.policyalerts.subscription.Frequency;

/**
 * A send run as staff see it. An urgent run ({@code trigger} urgent) carries one brief ({@code briefId}) to readers
 * of every frequency and zone, so its {@code frequency} is null. {@code matched} readers got a digest queued; of
 * those, {@code queued} are still waiting (or being retried), the rest are {@code sent}, {@code failed} or
 * {@code cancelled} (reader left meanwhile, or staff cancelled the run). The status is derived: running until every
 * reader is planned and every digest settled. {@code zone}: the time zone whose readers a scheduled daily or weekly
 * run covers; null for immediate, API-requested, staff and urgent runs (every zone).
 */
record SendRun(
        long id,
        Frequency frequency,
        RunTrigger trigger,
        String zone,
        Long briefId,
        Instant slot,
        Instant cutoff,
        RunStatus status,
        int matched,
        int queued,
        int sent,
        int failed,
        int cancelled,
        String error,
        Instant createdAt,
        Instant plannedAt,
        Instant cancelledAt) {
}
