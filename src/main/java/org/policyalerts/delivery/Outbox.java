package org.policyalerts.delivery;

import static org.policyalerts.jdbc.Sql.utc;

import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * All SQL on the delivery outbox. A row moves queued → claimed → sending → sent | failed | cancelled,
 * back to queued on a retry, or when its lease runs out (its sender died).
 */
@Repository
class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Recovered(long deliveryId, long subscriberId, boolean wasSending) {
    }

    // SKIP LOCKED lets every sender thread of every instance take a disjoint batch without waiting on the others.
    List<Claim> claim(String worker, int limit, Instant now, Instant lockedUntil) {
        return jdbc.sql("""
                        update delivery d set status = 'claimed', claimed_by = :worker, locked_until = :lockedUntil
                        from (select id from delivery
                              where status = 'queued' and next_attempt_at <= :now
                              order by next_attempt_at, id
                              limit :limit
                              for update skip locked) due
                        where d.id = due.id
                        returning d.id, d.subscriber_id, d.run_id, d.message_id, d.attempts
                        """)
                .param("worker", worker)
                .param("lockedUntil", utc(lockedUntil))
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, n) -> new Claim(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getLong("run_id"),
                        rs.getString("message_id"), rs.getInt("attempts")))
                .list()
                .stream()
                .sorted(Comparator.comparingLong(Claim::deliveryId))
                .toList();
    }

    /** Recorded before the SMTP conversation; false if the claim was lost (lease ran out, another sender took it). */
    boolean markSending(long id, String worker, Instant lockedUntil) {
        return jdbc.sql("""
                        update delivery set status = 'sending', attempts = attempts + 1, locked_until = :lockedUntil
                        where id = :id and status = 'claimed' and claimed_by = :worker
                        """)
                .param("id", id)
                .param("worker", worker)
                .param("lockedUntil", utc(lockedUntil))
                .update() == 1;
    }

    void markSent(long id, String reply, Instant now) {
        jdbc.sql("""
                        update delivery set status = 'sent', sent_at = :now, smtp_reply = :reply,
                                            claimed_by = null, locked_until = null
                        where id = :id
                        """)
                .param("id", id)
                .param("reply", reply, Types.VARCHAR)
                .param("now", utc(now))
                .update();
    }

    /** A failed attempt: queued again for {@code retryAt}, or failed for good when there is no retry. */
    void markAttemptFailed(long id, int attempts, String reply, String error, Optional<Instant> retryAt) {
        jdbc.sql("""
                        update delivery set status = :status, attempts = :attempts, smtp_reply = :reply,
                                            last_error = :error,
                                            next_attempt_at = case when :status = 'queued' then :retryAt
                                                                   else next_attempt_at end,
                                            claimed_by = null, locked_until = null
                        where id = :id
                        """)
                .param("id", id)
                .param("status", retryAt.isPresent() ? "queued" : "failed")
                .param("attempts", attempts)
                .param("reply", reply, Types.VARCHAR)
                .param("error", error, Types.VARCHAR)
                .param("retryAt", utc(retryAt.orElse(Instant.EPOCH)))
                .update();
    }

    void cancel(long id, String reason) {
        jdbc.sql("update delivery set status = 'cancelled', last_error = :reason, claimed_by = null, locked_until = null "
                        + "where id = :id")
                .param("id", id)
                .param("reason", reason)
                .update();
    }

    /** On a clean stop: what this sender claimed but never started goes straight back to the queue. */
    int release(String worker) {
        return jdbc.sql("update delivery set status = 'queued', claimed_by = null, locked_until = null "
                        + "where status = 'claimed' and claimed_by = :worker")
                .param("worker", worker)
                .update();
    }

    // A lease runs out only when its sender died or hung. A row that was 'sending' may already have reached
    // the SMTP server, so the caller logs it as a possible duplicate; 'claimed' rows were never attempted.
    List<Recovered> recoverExpired(Instant now) {
        return jdbc.sql("""
                        with expired as (
                            select id, status from delivery
                            where status in ('claimed', 'sending') and locked_until < :now
                            for update skip locked)
                        update delivery d set status = 'queued', claimed_by = null, locked_until = null,
                                              next_attempt_at = :now
                        from expired
                        where d.id = expired.id
                        returning d.id, d.subscriber_id, expired.status = 'sending' as was_sending
                        """)
                .param("now", utc(now))
                .query((rs, n) -> new Recovered(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getBoolean("was_sending")))
                .list();
    }
}
