package org.policyalerts.digest;

import static org.policyalerts.jdbc.Sql.instant;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only figures about recent send runs for the staff dashboard. */
@Component
public class RunStats {

    private final JdbcClient jdbc;

    RunStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RecentRun(long id, String frequency, String trigger, Instant createdAt, RunStatus status,
            long matched, long queued, long sent, long failed) {
    }

    /**
     * The latest runs, newest first. The status is derived the way the send API derives it (DigestRepository),
     * from the outbox itself; counting per run uses the delivery_run index.
     */
    public List<RecentRun> recent(int limit) {
        return jdbc.sql("""
                select r.id, r.frequency, r.trigger, r.created_at, c.*,
                       case when r.error is not null then 'failed'
                            when r.cancelled_at is not null and c.queued = 0 then 'cancelled'
                            when r.planned_at is null or c.queued > 0 then 'running'
                            when c.failed > 0 then 'done_with_failures'
                            else 'done' end as status
                from (select * from send_run order by created_at desc, id desc limit :limit) r
                cross join lateral (
                    select count(*) as matched,
                           count(*) filter (where status in ('queued', 'claimed', 'sending')) as queued,
                           count(*) filter (where status = 'sent') as sent,
                           count(*) filter (where status in ('failed', 'rejected')) as failed
                    from delivery d where d.run_id = r.id) c
                order by r.created_at desc, r.id desc""")
                .param("limit", limit)
                .query((rs, row) -> new RecentRun(rs.getLong("id"), rs.getString("frequency"), rs.getString("trigger"),
                        instant(rs, "created_at"), RunStatus.of(rs.getString("status")), rs.getLong("matched"),
                        rs.getLong("queued"), rs.getLong("sent"), rs.getLong("failed")))
                .list();
    }
}
