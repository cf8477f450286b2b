package org.policyalerts.digest;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.policyalerts.subscription.Frequency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about send runs and what goes into each digest. */
@Repository
class DigestRepository {

    // Counts come from the outbox itself, so the figures staff see can never drift from what happened.
    private static final String SELECT_RUN = """
            select r.*, c.*,
                   case when r.error is not null then 'failed'
                        when r.planned_at is null or c.queued > 0 then 'running'
                        when c.failed > 0 then 'done_with_failures'
                        else 'done' end as status
            from send_run r
            cross join lateral (
                select count(*) as matched,
                       count(*) filter (where status in ('queued', 'claimed', 'sending')) as queued,
                       count(*) filter (where status = 'sent') as sent,
                       -- out of attempts ('failed') or refused for good ('rejected')
                       count(*) filter (where status in ('failed', 'rejected')) as failed,
                       count(*) filter (where status = 'cancelled') as cancelled
                from delivery d where d.run_id = r.id) c
            """;

    private final JdbcClient jdbc;

    DigestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code zone} null: every zone (immediate and API-requested runs). */
    record PendingRun(long id, Frequency frequency, String zone, Instant cutoff) {
    }

    /**
     * The readers a run plans: those of one frequency, and of one time zone for a scheduled daily or weekly run
     * ({@code zone} null: every zone). A reader without a zone of their own is in {@code defaultZone}.
     */
    record Audience(Frequency frequency, String zone, String defaultZone) {
    }

    Optional<SendRun> find(long id) {
        return jdbc.sql(SELECT_RUN + "where r.id = :id").param("id", id).query(DigestRepository::run).optional();
    }

    Optional<SendRun> findByIdempotencyKey(String key) {
        return jdbc.sql(SELECT_RUN + "where r.idempotency_key = :key").param("key", key)
                .query(DigestRepository::run).optional();
    }

    /** Empty when the key was taken by a concurrent request. */
    Optional<Long> insertRequested(Frequency frequency, String idempotencyKey, Instant now) {
        return jdbc.sql("""
                        insert into send_run (frequency, trigger, idempotency_key, cutoff, created_at)
                        values (:frequency, 'api', :key, :now, :now)
                        on conflict (idempotency_key) do nothing
                        returning id
                        """)
                .param("frequency", frequency.code())
                .param("key", idempotencyKey, Types.VARCHAR)
                .param("now", utc(now))
                .query(Long.class)
                .optional();
    }

    // One run per (frequency, zone, slot) however many instances tick: the unique index turns the others' insert
    // into a no-op. Immediate runs have no zone; coalesce lets a null zone collide with itself.
    void insertScheduled(Frequency frequency, String zone, Instant slot, Instant now) {
        jdbc.sql("""
                        insert into send_run (frequency, zone, trigger, slot, cutoff, created_at)
                        values (:frequency, :zone, 'schedule', :slot, :now, :now)
                        on conflict (frequency, (coalesce(zone, '')), slot) do nothing
                        """)
                .param("frequency", frequency.code())
                .param("zone", zone, Types.VARCHAR)
                .param("slot", utc(slot))
                .param("now", utc(now))
                .update();
    }

    // Immediate runs are only worth a row when a brief became sendable since the last one: it arrived since,
    // or its (future) publication time has come since.
    boolean sendableSinceLastImmediateRun(Instant now, Instant oldest) {
        return jdbc.sql("""
                        with last as (
                            select coalesce(max(cutoff), '-infinity') as since
                            from send_run where frequency = 'immediate' and error is null)
                        select exists (
                            select 1 from brief, last
                            where published_at <= :now and published_at > :oldest
                              and (created_at > last.since or published_at > last.since))
                        """)
                .param("now", utc(now))
                .param("oldest", utc(oldest))
                .query(Boolean.class)
                .single();
    }

    // The zones whose readers of this frequency need a scheduled run; a reader without one is in the publisher's.
    List<String> zonesWithReaders(Frequency frequency, String defaultZone) {
        return jdbc.sql("""
                        select distinct coalesce(zone, :default) from subscriber
                        where status = 'active' and frequency = :frequency
                        """)
                .param("frequency", frequency.code())
                .param("default", defaultZone)
                .query(String.class)
                .list();
    }

    List<PendingRun> runsToPlan() {
        return jdbc.sql("select id, frequency, zone, cutoff from send_run where planned_at is null and error is null order by id")
                .query((rs, n) -> new PendingRun(rs.getLong("id"), Frequency.of(rs.getString("frequency")),
                        rs.getString("zone"), instant(rs, "cutoff")))
                .list();
    }

    /**
     * Locks the run for one page of planning and returns its checkpoint; empty if it is already planned.
     * The advisory lock serialises planning across runs and instances, so two overlapping runs can never
     * both queue a digest for the same brief and reader.
     */
    Optional<Long> lockForPlanning(long runId) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(8358201)").query(Integer.class).single();
        return jdbc.sql("select planned_through from send_run where id = :id and planned_at is null for update")
                .param("id", runId)
                .query(Long.class)
                .optional();
    }

    // Keyset paging over the partial index of active readers: the page's last id, or null when none are left.
    // The zone is a filter on that index scan: a zone's run pages over its own readers only.
    Long pageEnd(Audience audience, long after, int pageSize) {
        return jdbc.sql("""
                        select max(id) from (
                            select id from subscriber
                            where status = 'active' and frequency = :frequency and id > :after
                              and (cast(:zone as text) is null or coalesce(zone, :defaultZone) = :zone)
                            order by id limit :size) page
                        """)
                .param("frequency", audience.frequency().code())
                .param("zone", audience.zone(), Types.VARCHAR)
                .param("defaultZone", audience.defaultZone())
                .param("after", after)
                .param("size", pageSize)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /**
     * The (reader, brief) pairs to queue for readers in (after, upto]: a brief in the window that matches one of
     * the reader's subscriptions, arrived after that subscription, and was never queued for them. Driven from
     * the few briefs in the window into the subscription index: each brief expands to its (topic or ANY) x
     * (region or ANY) keys, so matching is an equality join, not an OR scan over readers. A tag whose term was
     * retired before the brief arrived counts for nothing; briefs that arrived earlier keep matching on it. A paused
     * reader is skipped until the pause ends, and what arrived during a pause is never sent (paused_from is null
     * unless the reader paused: then the window test is false).
     */
    static final String MATCHED = """
            brief_key as (
                select b.id as brief_id, b.created_at, t.topic_key, r.region_key
                from brief b
                cross join lateral (select bt.topic_id as topic_key from brief_topic bt join topic x on x.id = bt.topic_id
                                    where bt.brief_id = b.id and (x.retired_at is null or x.retired_at > b.created_at)
                                    union all select 0) t
                cross join lateral (select br.region_id as region_key from brief_region br join region x on x.id = br.region_id
                                    where br.brief_id = b.id and (x.retired_at is null or x.retired_at > b.created_at)
                                    union all select 0) r
                where b.published_at <= :cutoff and b.published_at > :oldest
            ), matched as (
                select distinct s.subscriber_id, k.brief_id
                from brief_key k
                join subscription s on s.topic_key = k.topic_key and s.region_key = k.region_key
                                   and s.subscriber_id > :after and s.subscriber_id <= :upto
                                   and s.created_at < k.created_at
                join subscriber r on r.id = s.subscriber_id
                                 and r.status = 'active' and r.frequency = :frequency
                                 and (cast(:zone as text) is null or coalesce(r.zone, :defaultZone) = :zone)
                                 and (r.paused_until is null or r.paused_until <= :cutoff)
                                 and not (k.created_at >= coalesce(r.paused_from, 'infinity')
                                          and k.created_at < r.paused_until)
                where not exists (select 1 from delivery_brief d
                                  where d.subscriber_id = s.subscriber_id and d.brief_id = k.brief_id)
            )
            """;

    /** Queues one digest per matched reader, carrying its briefs; returns the (reader, brief) pairs queued. */
    int queueDigests(long runId, Audience audience, long after, long upto, Instant cutoff, Instant oldest, Instant now) {
        return jdbc.sql("with " + MATCHED + """
                        , queued as (
                            insert into delivery (run_id, subscriber_id, next_attempt_at, message_id, created_at)
                            select :run, subscriber_id, :now, gen_random_uuid()::text, :now
                            from matched group by subscriber_id
                            returning id, subscriber_id
                        )
                        insert into delivery_brief (subscriber_id, brief_id, delivery_id)
                        select m.subscriber_id, m.brief_id, q.id from matched m join queued q using (subscriber_id)
                        """)
                .param("run", runId)
                .param("frequency", audience.frequency().code())
                .param("zone", audience.zone(), Types.VARCHAR)
                .param("defaultZone", audience.defaultZone())
                .param("after", after)
                .param("upto", upto)
                .param("cutoff", utc(cutoff))
                .param("oldest", utc(oldest))
                .param("now", utc(now))
                .update();
    }

    void advance(long runId, long plannedThrough) {
        jdbc.sql("update send_run set planned_through = :through where id = :id")
                .param("id", runId).param("through", plannedThrough).update();
    }

    void markPlanned(long runId, Instant now) {
        jdbc.sql("update send_run set planned_at = :now where id = :id").param("id", runId).param("now", utc(now)).update();
    }

    void markFailed(long runId, String error) {
        jdbc.sql("update send_run set error = :error where id = :id").param("id", runId).param("error", error).update();
    }

    Map<Long, List<Long>> briefIdsByDelivery(Long[] deliveryIds) {
        Map<Long, List<Long>> result = new HashMap<>();
        jdbc.sql("select delivery_id, brief_id from delivery_brief where delivery_id = any(:ids)")
                .param("ids", deliveryIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("delivery_id"), k -> new ArrayList<>()).add(rs.getLong("brief_id"));
                });
        return result;
    }

    // --- The web version of a digest ---

    /** The reader a digest was mailed to; empty for an unknown id or a transactional mail. */
    Optional<Long> digestReader(long deliveryId) {
        return jdbc.sql("select subscriber_id from delivery where id = :id and kind = 'digest'")
                .param("id", deliveryId).query(Long.class).optional();
    }

    private static SendRun run(ResultSet rs, int row) throws SQLException {
        return new SendRun(
                rs.getLong("id"),
                Frequency.of(rs.getString("frequency")),
                RunTrigger.of(rs.getString("trigger")),
                rs.getString("zone"),
                instant(rs, "slot"),
                instant(rs, "cutoff"),
                RunStatus.of(rs.getString("status")),
                rs.getInt("matched"),
                rs.getInt("queued"),
                rs.getInt("sent"),
                rs.getInt("failed"),
                rs.getInt("cancelled"),
                rs.getString("error"),
                instant(rs, "created_at"),
                instant(rs, "planned_at"));
    }

    // Retention. A brief published before the horizon can never be matched again, so its ledger rows guard nothing.
    // The horizon moves back for a run not yet planned: it still matches from its own cutoff, less the age limit.
    // Rows of a digest still in the outbox stay, as its sender reads them to compose it. Run counts come from the
    // delivery rows, which stay.
    int deleteLedgerOfBriefsOlderThan(java.time.Duration age, Instant now) {
        return jdbc.sql("""
                        delete from delivery_brief db
                        using brief b, delivery d
                        where b.id = db.brief_id and d.id = db.delivery_id
                          and d.status in ('sent', 'failed', 'cancelled')
                          and b.published_at < least(:now, (select min(cutoff) from send_run
                                                            where planned_at is null and error is null))
                                               - make_interval(secs => :age)
                        """)
                .param("now", utc(now))
                .param("age", age.toSeconds())
                .update();
    }

    // --- admin queries below ---
}
