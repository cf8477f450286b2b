package org.policyalerts.bounce;

import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.policyalerts.jdbc.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * All of the bounce feature's SQL. It reads {@code delivery} (to learn whose mail a report is about) by SQL rather
 * than through the delivery feature, which depends on this one for its VERP addresses.
 */
@Repository
class BounceRepository {

    private final JdbcClient jdbc;

    BounceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String secret() {
        return jdbc.sql("select secret from bounce_key where id = 1").query(String.class).single();
    }

    /**
     * Takes the poll if nobody holds it or its holder's lease ran out; one atomic update, so of two instances asking
     * at once exactly one gets it. No lock is held while the mailbox is read.
     */
    boolean claimPoll(String instance, Instant now, Duration lease) {
        return jdbc.sql("""
                        update bounce_poll set locked_by = :instance, locked_until = :until
                        where id = 1 and (locked_until < :now or locked_by = :instance)
                        """)
                .param("instance", instance).param("now", utc(now)).param("until", utc(now.plus(lease)))
                .update() == 1;
    }

    void releasePoll(String instance) {
        jdbc.sql("update bounce_poll set locked_by = null, locked_until = '-infinity' where id = 1 and locked_by = :instance")
                .param("instance", instance).update();
    }

    record Target(long deliveryId, long subscriberId) {
    }

    // A test mail to staff has no subscriber: a report about it names no reader of ours, so it is not found here
    // (the report goes to the unparsed folder) rather than read as subscriber 0, which no bounce_event can name.
    Optional<Target> delivery(long deliveryId) {
        return jdbc.sql("select id, subscriber_id from delivery where id = :id and subscriber_id is not null")
                .param("id", deliveryId).query(BounceRepository::target).optional();
    }

    /**
     * The delivery a report quotes by its Message-ID: the outbox keeps the id's left part, unique per delivery.
     * A test mail to staff (no subscriber) is not found, as above.
     */
    Optional<Target> deliveryByMessageId(String messageId) {
        return jdbc.sql("select id, subscriber_id from delivery where message_id = :messageId and subscriber_id is not null")
                .param("messageId", messageId).query(BounceRepository::target).optional();
    }

    /** False if this report was recorded before (it is then not applied again). */
    boolean insert(String reportId, Target target, Report report, Instant now) {
        return jdbc.sql("""
                        insert into bounce_event (report_id, subscriber_id, delivery_id, kind, status, detail, received_at)
                        values (:reportId, :subscriberId, :deliveryId, :kind, :status, :detail, :now)
                        on conflict (report_id) do nothing
                        """)
                .param("reportId", reportId)
                .param("subscriberId", target.subscriberId())
                .param("deliveryId", target.deliveryId())
                .param("kind", report.kind().code())
                .param("status", report.status())
                .param("detail", report.detail())
                .param("now", utc(now))
                .update() == 1;
    }

    int count(long subscriberId, BounceKind kind) {
        return jdbc.sql("select count(*) from bounce_event where subscriber_id = :id and kind = :kind")
                .param("id", subscriberId).param("kind", kind.code()).query(Integer.class).single();
    }

    List<BounceEvent> forReader(long subscriberId, int limit) {
        return jdbc.sql("select * from bounce_event where subscriber_id = :id order by received_at desc, id desc limit :limit")
                .param("id", subscriberId).param("limit", limit).query(BounceRepository::event).list();
    }

    /** One query for a page of deliveries (a run's recipients), not one per row. */
    List<BounceEvent> forDeliveries(Collection<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from bounce_event where delivery_id in (:ids) order by received_at, id")
                .param("ids", deliveryIds).query(BounceRepository::event).list();
    }

    private static Target target(ResultSet rs, int row) throws SQLException {
        return new Target(rs.getLong("id"), rs.getLong("subscriber_id"));
    }

    private static BounceEvent event(ResultSet rs, int row) throws SQLException {
        return new BounceEvent(rs.getLong("subscriber_id"), rs.getObject("delivery_id", Long.class),
                BounceKind.of(rs.getString("kind")), rs.getString("status"), rs.getString("detail"),
                Sql.instant(rs, "received_at"));
    }
}
