package org.policyalerts.subscription;

import static org.policyalerts.jdbc.Sql.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only figures about readers for the staff dashboard. */
@Component
public class ReaderStats {

    private final JdbcClient jdbc;

    ReaderStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<SubscriberStatus, Long> byStatus() {
        Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
        for (SubscriberStatus status : SubscriberStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as n from subscriber group by status")
                .query(rs -> {
                    counts.put(SubscriberStatus.of(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /** Active readers per followed topic, most followed first; a follow of ANY topic counts as "Any topic". */
    public Map<String, Long> activeByTopic(int top) {
        return top("""
                select coalesce(t.name, 'Any topic') as label, count(distinct s.subscriber_id) as n
                from subscription s
                join subscriber r on r.id = s.subscriber_id and r.status = 'active'
                left join topic t on t.id = s.topic_id
                group by 1 order by 2 desc, 1 limit :top""", top);
    }

    /** Active readers per followed region, most followed first; a follow of ANY region counts as "Any region". */
    public Map<String, Long> activeByRegion(int top) {
        return top("""
                select coalesce(g.name, 'Any region') as label, count(distinct s.subscriber_id) as n
                from subscription s
                join subscriber r on r.id = s.subscriber_id and r.status = 'active'
                left join region g on g.id = s.region_id
                group by 1 order by 2 desc, 1 limit :top""", top);
    }

    /** Sign-ups (confirmed or not) per UTC day since {@code from}; days without any are absent. */
    public Map<LocalDate, Long> signUpsPerDay(Instant from) {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        jdbc.sql("""
                select (created_at at time zone 'UTC')::date as day, count(*) as n
                from subscriber where created_at >= :from group by 1 order by 1""")
                .param("from", utc(from))
                .query(rs -> {
                    days.put(rs.getObject("day", LocalDate.class), rs.getLong("n"));
                });
        return days;
    }

    private Map<String, Long> top(String sql, int top) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql).param("top", top).query(rs -> {
            counts.put(rs.getString("label"), rs.getLong("n"));
        });
        return counts;
    }
}
