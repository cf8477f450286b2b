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
import org.policyalerts.delivery.DeliveryStatus;
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
                        when r.cancelled_at is not null and c.queued = 0 then 'cancelled'
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

    /**
     * A run to plan. {@code zone} null: every zone (immediate, API-requested, staff and urgent runs).
     * {@code briefId} is set, and {@code frequency} null (every frequency), for an urgent brief's run.
     */
    record PendingRun(long id, Frequency frequency, String zone, Long briefId, Instant cutoff) {

        Audience audience(String defaultZone) {
            return new Audience(frequency, zone, defaultZone);
        }
    }

    /**
     * The readers a run plans: those of one frequency ({@code frequency} null: every frequency, an urgent run),
     * and of one time zone for a scheduled daily or weekly run ({@code zone} null: every zone). A reader without
     * a zone of their own is in {@code defaultZone}.
     */
    record Audience(Frequency frequency, String zone, String defaultZone) {
    }

    /** One digest of a run as staff see it: the reader by id and address, and what the SMTP server said. */
    record Recipient(long deliveryId, long readerId, String email, String status, int attempts, String smtpReply,
            String lastError, Instant sentAt) {
    }

    /** A reader as a preview needs them, whatever their status. */
    record PreviewReader(long id, String email, String language, Frequency frequency, String status) {
    }

    Optional<SendRun> find(long id) {
        return jdbc.sql(SELECT_RUN + "where r.id = :id").param("id", id).query(DigestRepository::run).optional();
    }

    Optional<SendRun> findByIdempotencyKey(String key) {
        return jdbc.sql(SELECT_RUN + "where r.idempotency_key = :key").param("key", key)
                .query(DigestRepository::run).optional();
    }

    List<SendRun> findPage(int limit, long offset) {
        return jdbc.sql(SELECT_RUN + "order by r.id desc limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(DigestRepository::run).list();
    }

    long count() {
        return jdbc.sql("select count(*) from send_run").query(Long.class).single();
    }

    /** Empty when the key was taken by a concurrent request. */
    Optional<Long> insertRequested(Frequency frequency, RunTrigger trigger, String idempotencyKey, Instant now) {
        return jdbc.sql("""
                        insert into send_run (frequency, trigger, idempotency_key, cutoff, created_at)
                        values (:frequency, :trigger, :key, :now, :now)
                        on conflict (idempotency_key) do nothing
                        returning id
                        """)
                .param("frequency", frequency.code())
                .param("trigger", trigger.code())
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

    // One run per urgent brief whose time has come, however many instances tick (unique index on brief_id). It
    // covers every frequency; the ledger keeps digest readers from getting the brief again in their digest.
    void insertUrgentRuns(Instant now, Instant oldest) {
        jdbc.sql("""
                        insert into send_run (trigger, brief_id, cutoff, created_at)
                        select 'urgent', id, :now, :now from brief
                        where urgent and state = 'published' and published_at <= :now and published_at > :oldest
                        on conflict (brief_id) do nothing
                        """)
                .param("now", utc(now))
                .param("oldest", utc(oldest))
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
                            where state = 'published' and published_at <= :now and published_at > :oldest
                              and (created_at > last.since or published_at > last.since))
                        """)
                .param("now", utc(now))
                .param("oldest", utc(oldest))
                .query(Boolean.class)
                .single();
    }

    // The zones whose readers of this frequency need a scheduled run; a reader without one is in the publisher's.
    // Asked every tick, so it skips through the subscriber_active_by_zone index from one zone to the next (a loose
    // index scan: one probe per zone) rather than reading every reader; readers without a zone are one probe more.
    // In zone order, so runs are created in the same order on every tick and instance.
    List<String> zonesWithReaders(Frequency frequency, String defaultZone) {
        return jdbc.sql("""
                        with recursive zones (zone) as (
                            (select zone from subscriber
                             where status = 'active' and frequency = :frequency and zone is not null
                             order by zone limit 1)
                            union all
                            select (select s.zone from subscriber s
                                    where s.status = 'active' and s.frequency = :frequency and s.zone > z.zone
                                    order by s.zone limit 1)
                            from zones z where z.zone is not null
                        )
                        select distinct coalesce(zone, :default) from (
                            select zone from zones where zone is not null
                            union all
                            select null where exists (select 1 from subscriber
                                                      where status = 'active' and frequency = :frequency
                                                        and zone is null)
                        ) found
                        order by 1
                        """)
                .param("frequency", frequency.code())
                .param("default", defaultZone)
                .query(String.class)
                .list();
    }

    List<PendingRun> runsToPlan() {
        return jdbc.sql("""
                        select id, frequency, zone, brief_id, cutoff from send_run
                        where planned_at is null and error is null and cancelled_at is null order by id
                        """)
                .query((rs, n) -> new PendingRun(rs.getLong("id"), frequency(rs), rs.getString("zone"),
                        rs.getObject("brief_id", Long.class), instant(rs, "cutoff")))
                .list();
    }

    /**
     * Locks the run for one page of planning and returns its checkpoint; empty if it is already planned.
     * The advisory lock serialises planning across runs and instances, so two overlapping runs can never
     * both queue a digest for the same brief and reader.
     */
    Optional<Long> lockForPlanning(long runId) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(8358201)").query(Integer.class).single();
        return jdbc.sql("""
                        select planned_through from send_run
                        where id = :id and planned_at is null and cancelled_at is null for update
                        """)
                .param("id", runId)
                .query(Long.class)
                .optional();
    }

    // Keyset paging over the partial index of active readers: the page's last id, or null when none are left.
    // The zone is a filter on that index scan: a zone's run pages over its own readers only. An urgent run
    // (frequency null) pages over the active readers of every frequency and zone.
    Long pageEnd(Audience audience, long after, int pageSize) {
        return withAudience(jdbc.sql("""
                        select max(id) from (
                            select id from subscriber
                            where status = 'active' and %s and id > :after
                              and (cast(:zone as text) is null or coalesce(zone, :defaultZone) = :zone)
                            order by id limit :size) page
                        """.formatted(audience.frequency() == null ? "true" : "frequency = :frequency")), audience)
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
     * (region or ANY) keys, so matching is an equality join, not an OR scan over readers. Only published briefs
     * match. A tag whose term was retired before the brief arrived counts for nothing; briefs that arrived earlier
     * keep matching on it. A paused reader is skipped until the pause ends, and what arrived during a pause is never
     * sent (paused_from is null unless the reader paused: then the window test is false); this holds for urgent
     * briefs too. An urgent run matches its one brief for readers of every frequency and zone: the conditions are
     * put in the text rather than made optional, so each kind of run keeps a plan of its own.
     * <p>
     * Editions: a brief reaches only readers whose editions include its language. The test sits on the subscriber
     * row, which the join fetches by primary key anyway, so it adds no index and leaves the driving side (briefs
     * into subscription_match) as it was; an index on editions could not help, as the readers come from the
     * subscription index, not from a scan of subscriber. The language versions of one brief (an original and its
     * translations) are one item: of those that match a reader, {@code distinct on} keeps one per original, in the
     * reader's language if it is there, else the original, else the first by id; and no version is queued for a
     * reader who already had any version (the ledger's key per original, delivery_brief_original). A translation
     * of an original older than the age limit is archive too, so the ledger rows retention keeps are enough.
     */
    static String matched(boolean urgent) {
        return MATCHED.formatted(urgent ? "and b.id = :brief" : "",
                urgent ? "" : "and r.frequency = :frequency");
    }

    private static final String MATCHED = """
            brief_key as (
                select b.id as brief_id, coalesce(b.translation_of, b.id) as original_id, b.language, b.created_at,
                       t.topic_key, r.region_key
                from brief b
                cross join lateral (select bt.topic_id as topic_key from brief_topic bt join topic x on x.id = bt.topic_id
                                    where bt.brief_id = b.id and (x.retired_at is null or x.retired_at > b.created_at)
                                    union all select 0) t
                cross join lateral (select br.region_id as region_key from brief_region br join region x on x.id = br.region_id
                                    where br.brief_id = b.id and (x.retired_at is null or x.retired_at > b.created_at)
                                    union all select 0) r
                left join brief o on o.id = b.translation_of
                where b.state = 'published' and b.published_at <= :cutoff and b.published_at > :oldest %s
                  and coalesce(o.published_at, b.published_at) > :oldest
            ), matched as (
                select distinct on (s.subscriber_id, k.original_id) s.subscriber_id, k.brief_id,
                       nullif(k.original_id, k.brief_id) as original_id
                from brief_key k
                join subscription s on s.topic_key = k.topic_key and s.region_key = k.region_key
                                   and s.subscriber_id > :after and s.subscriber_id <= :upto
                                   and s.created_at < k.created_at
                join subscriber r on r.id = s.subscriber_id
                                 and r.status = 'active' %s
                                 and (cast(:zone as text) is null or coalesce(r.zone, :defaultZone) = :zone)
                                 and (r.paused_until is null or r.paused_until <= :cutoff)
                                 and not (k.created_at >= coalesce(r.paused_from, 'infinity')
                                          and k.created_at < r.paused_until)
                                 and k.language = any(r.editions)
                where not exists (select 1 from delivery_brief d
                                  where d.subscriber_id = s.subscriber_id and d.original_key = k.original_id)
                order by s.subscriber_id, k.original_id, k.language = r.language desc, k.brief_id = k.original_id desc,
                         k.brief_id
            )
            """;

    /** Queues one digest per matched reader, carrying its briefs; returns the (reader, brief) pairs queued. */
    int queueDigests(PendingRun run, Audience audience, long after, long upto, Instant oldest, Instant now) {
        return withAudience(jdbc.sql("with " + matched(run.briefId() != null) + """
                        , queued as (
                            insert into delivery (run_id, subscriber_id, next_attempt_at, message_id, created_at)
                            select :run, subscriber_id, :now, gen_random_uuid()::text, :now
                            from matched group by subscriber_id
                            returning id, subscriber_id
                        )
                        insert into delivery_brief (subscriber_id, brief_id, original_id, delivery_id)
                        select m.subscriber_id, m.brief_id, m.original_id, q.id
                        from matched m join queued q using (subscriber_id)
                        """), audience)
                .param("run", run.id())
                .param("brief", run.briefId(), Types.BIGINT)
                .param("after", after)
                .param("upto", upto)
                .param("cutoff", utc(run.cutoff()))
                .param("oldest", utc(oldest))
                .param("now", utc(now))
                .update();
    }

    /** Binds who the matching and paging queries plan for; a null frequency or zone means every one. */
    private static JdbcClient.StatementSpec withAudience(JdbcClient.StatementSpec statement, Audience audience) {
        return statement
                .param("frequency", audience.frequency() == null ? null : audience.frequency().code(), Types.VARCHAR)
                .param("zone", audience.zone(), Types.VARCHAR)
                .param("defaultZone", audience.defaultZone(), Types.VARCHAR);
    }

    void advance(long runId, long plannedThrough) {
        jdbc.sql("update send_run set planned_through = :through where id = :id")
                .param("id", runId).param("through", plannedThrough).update();
    }

    void markPlanned(long runId, Instant now) {
        jdbc.sql("update send_run set planned_at = :now where id = :id").param("id", runId).param("now", utc(now)).update();
    }

    /**
     * Marks the run cancelled; false if it is over already (planned with nothing left queued is still
     * cancellable: claimed digests finish, queued ones are cancelled by the caller). Waits for a page being
     * planned to commit (the row lock), and no page is planned after it (lockForPlanning).
     */
    boolean markCancelled(long runId, Instant now) {
        return jdbc.sql("update send_run set cancelled_at = :now where id = :id and cancelled_at is null and error is null")
                .param("id", runId).param("now", utc(now)).update() == 1;
    }

    /**
     * A cancelled digest carried its briefs to nobody: its ledger rows go, so the reader's next run carries them.
     * Deleted in the transaction that cancels the deliveries, so no run can see one without the other.
     */
    int forgetLedger(List<Long> deliveryIds) {
        return jdbc.sql("delete from delivery_brief where delivery_id = any(:ids)")
                .param("ids", deliveryIds.toArray(Long[]::new)).update();
    }

    // Keyset would be faster, but staff page through one run in id order and like page numbers; a run's rows are
    // found through delivery_run (run_id, status).
    List<Recipient> recipients(long runId, int limit, long offset) {
        return jdbc.sql("""
                        select d.id, d.subscriber_id, s.email, d.status, d.attempts, d.smtp_reply, d.last_error, d.sent_at
                        from delivery d left join subscriber s on s.id = d.subscriber_id
                        where d.run_id = :run order by d.id limit :limit offset :offset
                        """)
                .param("run", runId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Recipient(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getString("email"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("smtp_reply"),
                        rs.getString("last_error"), instant(rs, "sent_at")))
                .list();
    }

    Optional<PreviewReader> previewReader(Long id, String email) {
        return jdbc.sql("""
                        select id, email, language, frequency, status from subscriber
                        where id = :id or lower(email) = lower(:email)
                        """)
                .param("id", id, Types.BIGINT)
                .param("email", email, Types.VARCHAR)
                .query((rs, n) -> new PreviewReader(rs.getLong("id"), rs.getString("email"), rs.getString("language"),
                        Frequency.of(rs.getString("frequency")), rs.getString("status")))
                .optional();
    }

    /** The briefs the reader's next run would carry: the planner's own matching, for this one reader. */
    List<Long> nextBriefIds(PreviewReader reader, Instant now, Instant oldest) {
        // The reader's own zone, whichever it is: no zone filter.
        return withAudience(jdbc.sql("with " + matched(false) + "select brief_id from matched order by brief_id"),
                        new Audience(reader.frequency(), null, null))
                .param("after", reader.id() - 1)
                .param("upto", reader.id())
                .param("cutoff", utc(now))
                .param("oldest", utc(oldest))
                .query(Long.class)
                .list();
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

    /**
     * By delivery, then by the brief it carries: that brief's other language versions in the editions its reader
     * takes, not retracted (the caller keeps those whose time has come), for the "Also in" links. A version is the
     * original or a brief whose translation_of is it, so the primary key and brief_translation_of find them: one
     * query per batch, however many items.
     */
    Map<Long, Map<Long, List<Long>>> otherVersions(Long[] deliveryIds) {
        Map<Long, Map<Long, List<Long>>> result = new HashMap<>();
        jdbc.sql("""
                        select db.delivery_id, db.brief_id, v.id as version_id
                        from delivery_brief db
                        join subscriber s on s.id = db.subscriber_id
                        join brief v on v.id = db.original_key or v.translation_of = db.original_key
                        where db.delivery_id = any(:ids) and v.id <> db.brief_id
                          and v.language = any(s.editions) and v.state = 'published'
                        """)
                .param("ids", deliveryIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("delivery_id"), k -> new HashMap<>())
                            .computeIfAbsent(rs.getLong("brief_id"), k -> new ArrayList<>()).add(rs.getLong("version_id"));
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
                frequency(rs),
                RunTrigger.of(rs.getString("trigger")),
                rs.getString("zone"),
                rs.getObject("brief_id", Long.class),
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
                instant(rs, "planned_at"),
                instant(rs, "cancelled_at"));
    }

    private static Frequency frequency(ResultSet rs) throws SQLException {
        String code = rs.getString("frequency");
        return code == null ? null : Frequency.of(code);
    }

    // Retention. A brief published before the horizon can never be matched again, so its ledger rows guard nothing.
    // The horizon moves back for a run not yet planned (and not cancelled): it still matches from its own cutoff,
    // less the age limit. A translation's row also guards its original's other versions, which match until the
    // original is past the horizon, so it stays as long as the original is not.
    // Rows of a digest still in the outbox stay, as its sender reads them to compose it; every settled one goes
    // (sent, failed, rejected, cancelled, and any settled state added later). Run counts come from the delivery
    // rows, which stay.
    int deleteLedgerOfBriefsOlderThan(java.time.Duration age, Instant now) {
        return jdbc.sql("""
                        with horizon as (
                            select least(:now, (select min(cutoff) from send_run
                                                where planned_at is null and error is null and cancelled_at is null))
                                   - make_interval(secs => :age) as at)
                        delete from delivery_brief db
                        using brief b, delivery d, horizon h
                        where b.id = db.brief_id and d.id = db.delivery_id
                          and d.status <> all(:unsettled)
                          and b.published_at < h.at
                          and not exists (select 1 from brief o where o.id = db.original_id and o.published_at >= h.at)
                        """)
                .param("unsettled", DeliveryStatus.UNSETTLED.stream().map(DeliveryStatus::code).toArray(String[]::new))
                .param("now", utc(now))
                .param("age", age.toSeconds())
                .update();
    }

    // --- admin queries below ---
}
