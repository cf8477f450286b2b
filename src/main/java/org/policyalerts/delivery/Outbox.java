package org.policyalerts.delivery;

import static org.policyalerts.jdbc.Sql.utc;

import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * All SQL on the delivery outbox (states: {@link DeliveryStatus}). Every update a sender makes to a row it
 * claimed is guarded by the claim (claimed_by and the status it expects), so a sender whose lease ran out can
 * never overwrite a row another sender has taken over or finished; those methods return false when refused.
 */
@Repository
class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Claimed(Claim claim, DeliveryKind kind) {
    }

    record Recovered(long deliveryId, long subscriberId, boolean wasSending) {
    }

    // Decided in the statement itself, so that queueing costs the same whatever the address's state: a
    // suppressed address (hard bounce, complaint) gets a cancelled row and nothing is stored to send.
    long enqueue(long subscriberId, Mail mail, Instant now) {
        return jdbc.sql("""
                        with queued as (
                            insert into delivery (kind, priority, subscriber_id, status, next_attempt_at, message_id,
                                                  last_error, created_at)
                            select :kind, :priority, s.id,
                                   case when s.status = 'suppressed' then 'cancelled' else 'queued' end,
                                   :now, :messageId,
                                   case when s.status = 'suppressed' then 'the address is suppressed' end, :now
                            from subscriber s where s.id = :subscriber
                            returning id, status),
                        stored as (
                            insert into delivery_mail (delivery_id, recipient, subject, html, text)
                            select id, :to, :subject, :html, :text from queued where status = 'queued')
                        select id from queued
                        """)
                .param("kind", DeliveryKind.TRANSACTIONAL.code())
                .param("priority", DeliveryKind.TRANSACTIONAL.priority())
                .param("subscriber", subscriberId)
                .param("messageId", mail.messageId())
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("html", mail.html())
                .param("text", mail.text())
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }

    /** Of these deliveries, those sent or still on their way (not failed, rejected or cancelled). */
    Set<Long> sentOrOnTheWay(Collection<Long> ids) {
        return Set.copyOf(jdbc.sql("""
                        select id from delivery
                        where id = any(:ids) and status in ('queued', 'claimed', 'sending', 'sent')
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    // Only 'queued': a claimed row belongs to its sender, whose guarded updates would be refused. The trigger on
    // status forgets the stored mail (and its live token) in the same statement.
    int cancelQueued(long subscriberId, String reason) {
        return jdbc.sql("""
                        update delivery set status = :cancelled, last_error = :reason
                        where subscriber_id = :subscriber and status = :queued
                        """)
                .param("subscriber", subscriberId)
                .param("reason", reason)
                .param("cancelled", DeliveryStatus.CANCELLED.code())
                .param("queued", DeliveryStatus.QUEUED.code())
                .update();
    }

    // SKIP LOCKED lets every sender thread of every instance take a disjoint batch without waiting on the others.
    // Priority first, so a confirmation overtakes a queue of digests (partial index delivery_due).
    List<Claimed> claim(String worker, int limit, Instant now, Instant lockedUntil) {
        return jdbc.sql("""
                        update delivery d set status = 'claimed', claimed_by = :worker, locked_until = :lockedUntil
                        from (select id from delivery
                              where status = 'queued' and next_attempt_at <= :now
                              order by priority, next_attempt_at, id
                              limit :limit
                              for update skip locked) due
                        where d.id = due.id
                        returning d.id, d.subscriber_id, d.kind, d.message_id, d.attempts
                        """)
                .param("worker", worker)
                .param("lockedUntil", utc(lockedUntil))
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, n) -> new Claimed(new Claim(rs.getLong("id"), rs.getLong("subscriber_id"),
                        rs.getString("message_id"), rs.getInt("attempts")),
                        DeliveryKind.of(rs.getString("kind"))))
                .list()
                .stream()
                // UPDATE ... RETURNING keeps no order: sent in claim order again, transactional mail first
                .sorted(Comparator.comparing((Claimed c) -> c.kind() != DeliveryKind.TRANSACTIONAL)
                        .thenComparingLong(c -> c.claim().deliveryId()))
                .toList();
    }

    /**
     * The stored mails of claimed transactional deliveries; one left out was settled (and forgotten) already, or its
     * address was suppressed after it was queued (e.g. while a retry waited), and is then cancelled. A test mail to
     * staff belongs to no reader (left join), so nothing suppresses it.
     */
    Map<Long, Mail> storedMails(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> messageIds = claims.stream().collect(Collectors.toMap(Claim::deliveryId, Claim::messageId));
        Map<Long, Mail> mails = new HashMap<>();
        jdbc.sql("""
                        select m.* from delivery_mail m
                        join delivery d on d.id = m.delivery_id
                        left join subscriber s on s.id = d.subscriber_id
                        where m.delivery_id = any(:ids) and s.status is distinct from 'suppressed'
                        """)
                .param("ids", messageIds.keySet().toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong("delivery_id");
                    mails.put(id, new Mail(messageIds.get(id), rs.getString("recipient"), rs.getString("subject"),
                            rs.getString("html"), rs.getString("text"), null));
                });
        return mails;
    }

    /** A slow batch (rate cap, slow server) keeps the rows it has not reached yet. */
    void renew(String worker, Instant lockedUntil) {
        jdbc.sql("update delivery set locked_until = :lockedUntil where claimed_by = :worker and status = 'claimed'")
                .param("worker", worker)
                .param("lockedUntil", utc(lockedUntil))
                .update();
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

    boolean markSent(long id, String worker, String reply, Instant now) {
        return jdbc.sql("""
                        update delivery set status = 'sent', sent_at = :now, smtp_reply = :reply,
                                            claimed_by = null, locked_until = null
                        where id = :id and status = 'sending' and claimed_by = :worker
                        """)
                .param("id", id)
                .param("worker", worker)
                .param("reply", reply, Types.VARCHAR)
                .param("now", utc(now))
                .update() == 1;
    }

    /**
     * A failed attempt on a row in state {@code expected}: {@code next} is queued (again at {@code nextAttemptAt}),
     * failed (temporary failures ran out) or rejected (refused for good).
     */
    boolean markAttemptFailed(long id, String worker, DeliveryStatus expected, int attempts, String reply, String error,
            DeliveryStatus next, Instant nextAttemptAt) {
        return jdbc.sql("""
                        update delivery set status = :next, attempts = :attempts, smtp_reply = :reply,
                                            last_error = :error, next_attempt_at = :nextAttemptAt,
                                            claimed_by = null, locked_until = null
                        where id = :id and status = :expected and claimed_by = :worker
                        """)
                .param("id", id)
                .param("worker", worker)
                .param("expected", expected.code())
                .param("next", next.code())
                .param("attempts", attempts)
                .param("reply", reply, Types.VARCHAR)
                .param("error", error, Types.VARCHAR)
                .param("nextAttemptAt", utc(nextAttemptAt))
                .update() == 1;
    }

    /**
     * The SMTP server became unavailable during this row's turn: back to the queue, attempt undone, but due only at
     * {@code nextAttemptAt}. Left due as it was, it would be first in claim order again, and a message that itself
     * makes the server drop the connection would be claimed, dropped and released in a tight loop.
     */
    boolean releaseUntouched(long id, String worker, Instant nextAttemptAt) {
        return jdbc.sql("""
                        update delivery set status = 'queued', attempts = attempts - 1, claimed_by = null,
                                            locked_until = null, next_attempt_at = :nextAttemptAt
                        where id = :id and status = 'sending' and claimed_by = :worker
                        """)
                .param("id", id)
                .param("worker", worker)
                .param("nextAttemptAt", utc(nextAttemptAt))
                .update() == 1;
    }

    boolean cancel(long id, String worker, String reason) {
        return jdbc.sql("""
                        update delivery set status = 'cancelled', last_error = :reason, claimed_by = null,
                                            locked_until = null
                        where id = :id and status = 'claimed' and claimed_by = :worker
                        """)
                .param("id", id)
                .param("worker", worker)
                .param("reason", reason)
                .update() == 1;
    }

    /** On a stop or an outage: what this sender claimed but never started goes straight back to the queue. */
    int release(String worker) {
        return jdbc.sql("update delivery set status = 'queued', claimed_by = null, locked_until = null "
                        + "where status = 'claimed' and claimed_by = :worker")
                .param("worker", worker)
                .update();
    }

    // Only 'failed' (temporary failures ran out), never 'rejected': a 5xx would only be refused again. A fresh
    // budget of attempts, due now; what went wrong before stays in last_error until the next attempt.
    int requeueFailed(long runId, Instant now) {
        return jdbc.sql("""
                        update delivery set status = 'queued', attempts = 0, next_attempt_at = :now
                        where run_id = :run and status = 'failed'
                        """)
                .param("run", runId)
                .param("now", utc(now))
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

    // A test mail to staff: stored like any transactional mail, but to no reader, so nothing can suppress it.
    long enqueueToStaff(Mail mail, Instant now) {
        return jdbc.sql("""
                        with queued as (
                            insert into delivery (kind, priority, next_attempt_at, message_id, created_at)
                            values (:kind, :priority, :now, :messageId, :now)
                            returning id),
                        stored as (
                            insert into delivery_mail (delivery_id, recipient, subject, html, text)
                            select id, :to, :subject, :html, :text from queued)
                        select id from queued
                        """)
                .param("kind", DeliveryKind.TRANSACTIONAL.code())
                .param("priority", DeliveryKind.TRANSACTIONAL.priority())
                .param("messageId", mail.messageId())
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("html", mail.html())
                .param("text", mail.text())
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }

    // Only rows still waiting in the queue: a claimed row is in a sender's hands and settles on its own.
    List<Long> cancelQueuedOfRun(long runId, String reason) {
        return jdbc.sql("""
                        update delivery set status = :cancelled, last_error = :reason
                        where run_id = :run and status = :queued
                        returning id
                        """)
                .param("run", runId)
                .param("reason", reason)
                .param("cancelled", DeliveryStatus.CANCELLED.code())
                .param("queued", DeliveryStatus.QUEUED.code())
                .query(Long.class)
                .list();
    }
}
