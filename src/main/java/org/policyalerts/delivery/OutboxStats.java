package org.policyalerts.delivery;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only figures about the outbox for the staff dashboard. */
@Component
public class OutboxStats {

    private final JdbcClient jdbc;

    OutboxStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param queued      mails waiting to be sent (due now or retrying later)
     * @param oldestDueAt when the longest-waiting mail that is already due became due; null if none is due
     * @param failed      mails created since {@code since} that were not delivered (refused or out of attempts)
     */
    public record Depth(long queued, Instant oldestDueAt, long failed) {
    }

    /** The backlog comes from the partial index on queued rows; failures are counted over recent rows only. */
    public Depth depth(Instant now, Instant since) {
        Backlog backlog = backlog(now);
        long failed = jdbc.sql("""
                select count(*) from delivery where status in ('failed', 'rejected') and created_at >= :since""")
                .param("since", utc(since))
                .query(Long.class)
                .single();
        return new Depth(backlog.queued(), backlog.oldestDueAt(), failed);
    }

    /**
     * @param queued      mails waiting to be sent (due now or retrying later)
     * @param oldestDueAt when the longest-waiting mail that is already due became due; null if none is due
     */
    record Backlog(long queued, Instant oldestDueAt) {
    }

    // For the metrics: only the partial index of queued rows (delivery_due) is read, never the whole outbox.
    Backlog backlog(Instant now) {
        return jdbc.sql("""
                select (select count(*) from delivery where status = 'queued') as queued,
                       (select min(next_attempt_at) from delivery
                        where status = 'queued' and next_attempt_at <= :now) as oldest_due""")
                .param("now", utc(now))
                .query((rs, row) -> new Backlog(rs.getLong("queued"), instant(rs, "oldest_due")))
                .single();
    }

    /** Mails sent per UTC day since {@code from}; days without any are absent. */
    public Map<LocalDate, Long> sentPerDay(Instant from) {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        jdbc.sql("""
                select (sent_at at time zone 'UTC')::date as day, count(*) as n
                from delivery where status = 'sent' and sent_at >= :from group by 1 order by 1""")
                .param("from", utc(from))
                .query(rs -> {
                    days.put(rs.getObject("day", LocalDate.class), rs.getLong("n"));
                });
        return days;
    }
}
