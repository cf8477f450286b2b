package org.policyalerts.subscription;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.strings;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about readers, their subscriptions and confirmations. */
@Repository
class SubscriptionRepository {

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Subscriber(long id, String email, SubscriberStatus status, String manageToken) {
    }

    /** {@code deliveryId}: the outbox row of its mail; null for links mailed before every mail was queued. */
    record Confirmation(long id, long subscriberId, String email, Choices choices, Instant createdAt,
            Instant expiresAt, Instant confirmedAt, Long deliveryId) {
    }

    // Two sign-ups for the same new address may race: the loser's insert is a no-op and it reads the winner's row.
    Subscriber findOrCreate(String email, Frequency frequency, String language, String manageToken, Instant now) {
        jdbc.sql("""
                        insert into subscriber (email, status, frequency, language, manage_token, created_at)
                        values (:email, 'pending', :frequency, :language, :token, :now)
                        on conflict ((lower(email))) do nothing
                        """)
                .param("email", email)
                .param("frequency", frequency.code())
                .param("language", language)
                .param("token", manageToken)
                .param("now", utc(now))
                .update();
        return jdbc.sql("select id, email, status, manage_token from subscriber where lower(email) = lower(:email)")
                .param("email", email)
                .query(SubscriptionRepository::subscriber)
                .single();
    }

    Optional<Subscriber> findByManageToken(String token) {
        return jdbc.sql("select id, email, status, manage_token from subscriber where manage_token = :token")
                .param("token", token)
                .query(SubscriptionRepository::subscriber)
                .optional();
    }

    /** Confirmations made for this reader since {@code since}, newest first, whatever became of their mail. */
    List<Confirmation> confirmationsSince(long subscriberId, Instant since) {
        return jdbc.sql(CONFIRMATION + "where c.subscriber_id = :id and c.created_at > :since order by c.created_at desc")
                .param("id", subscriberId)
                .param("since", utc(since))
                .query(SubscriptionRepository::confirmation)
                .list();
    }

    void insertConfirmation(long subscriberId, byte[] tokenHash, Choices choices, Instant now, Instant expiresAt,
            long deliveryId) {
        jdbc.sql("""
                        insert into confirmation (subscriber_id, token_hash, frequency, match_mode, topics, regions,
                                                  created_at, expires_at, delivery_id)
                        values (:subscriber, :hash, :frequency, :match, :topics, :regions, :now, :expires, :delivery)
                        """)
                .param("delivery", deliveryId)
                .param("subscriber", subscriberId)
                .param("hash", tokenHash)
                .param("frequency", choices.frequency().code())
                .param("match", choices.match().code())
                .param("topics", choices.topics().toArray(String[]::new))
                .param("regions", choices.regions().toArray(String[]::new))
                .param("now", utc(now))
                .param("expires", utc(expiresAt))
                .update();
    }

    void updateChoices(long confirmationId, Choices choices) {
        jdbc.sql("update confirmation set frequency = :frequency, match_mode = :match, topics = :topics, "
                        + "regions = :regions where id = :id")
                .param("id", confirmationId)
                .param("frequency", choices.frequency().code())
                .param("match", choices.match().code())
                .param("topics", choices.topics().toArray(String[]::new))
                .param("regions", choices.regions().toArray(String[]::new))
                .update();
    }

    /** {@code forUpdate} locks the row so that two clicks on Confirm apply it once. */
    Optional<Confirmation> findConfirmation(byte[] tokenHash, boolean forUpdate) {
        return jdbc.sql(CONFIRMATION + "where c.token_hash = :hash" + (forUpdate ? " for update of c" : ""))
                .param("hash", tokenHash)
                .query(SubscriptionRepository::confirmation)
                .optional();
    }

    void markConfirmed(long confirmationId, Instant now) {
        jdbc.sql("update confirmation set confirmed_at = :now where id = :id")
                .param("id", confirmationId).param("now", utc(now)).update();
    }

    /** A suppressed address (hard bounce, complaint) stays suppressed whatever it clicks. */
    void activate(long subscriberId, Frequency frequency, Instant now) {
        jdbc.sql("""
                        update subscriber set status = 'active', frequency = :frequency,
                                              confirmed_at = coalesce(confirmed_at, :now), unsubscribed_at = null
                        where id = :id and status <> 'suppressed'
                        """)
                .param("id", subscriberId)
                .param("frequency", frequency.code())
                .param("now", utc(now))
                .update();
    }

    /**
     * Makes the reader's rows exactly {@code follows}, given as parallel arrays of topic and region ids (0 = ANY).
     * Rows they keep keep their creation time: a subscription only matches briefs that arrive after it, so a
     * reader who adds a topic is not sent that topic's back catalogue, and one who keeps a topic misses nothing.
     */
    void replaceFollows(long subscriberId, Integer[] topicKeys, Integer[] regionKeys, Instant now) {
        jdbc.sql("""
                        delete from subscription s
                        where s.subscriber_id = :id
                          and not exists (select 1 from unnest(cast(:topics as int[]), cast(:regions as int[])) n(t, r)
                                          where n.t = s.topic_key and n.r = s.region_key)
                        """)
                .param("id", subscriberId).param("topics", topicKeys).param("regions", regionKeys).update();
        jdbc.sql("""
                        insert into subscription (subscriber_id, topic_id, region_id, created_at)
                        select :id, nullif(t, 0), nullif(r, 0), :now
                        from unnest(cast(:topics as int[]), cast(:regions as int[])) n(t, r)
                        on conflict do nothing
                        """)
                .param("id", subscriberId).param("topics", topicKeys).param("regions", regionKeys)
                .param("now", utc(now)).update();
    }

    /**
     * Their subscription rows go too: should they come back, their new rows start afresh, so they are not sent
     * what was published while they were away.
     */
    void unsubscribe(long subscriberId, Instant now) {
        jdbc.sql("update subscriber set status = 'unsubscribed', unsubscribed_at = :now "
                        + "where id = :id and status in ('active', 'pending')")
                .param("id", subscriberId).param("now", utc(now)).update();
        jdbc.sql("delete from subscription where subscriber_id = :id").param("id", subscriberId).update();
    }

    List<Reader> activeReaders(Long[] ids) {
        return jdbc.sql("select id, email, language, manage_token from subscriber where id = any(:ids) and status = 'active'")
                .param("ids", ids)
                .query((rs, n) -> new Reader(rs.getLong("id"), rs.getString("email"), rs.getString("language"),
                        rs.getString("manage_token")))
                .list();
    }

    Map<Long, List<Follow>> follows(Collection<Long> ids) {
        Map<Long, List<Follow>> result = new HashMap<>();
        jdbc.sql("""
                        select s.subscriber_id, t.slug as topic, r.slug as region
                        from subscription s
                        left join topic t on t.id = s.topic_id
                        left join region r on r.id = s.region_id
                        where s.subscriber_id = any(:ids)
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("subscriber_id"), k -> new ArrayList<>())
                            .add(new Follow(rs.getString("topic"), rs.getString("region")));
                });
        return result;
    }

    private static final String CONFIRMATION = """
            select c.*, s.email from confirmation c join subscriber s on s.id = c.subscriber_id
            """;

    private static Subscriber subscriber(ResultSet rs, int row) throws SQLException {
        return new Subscriber(rs.getLong("id"), rs.getString("email"), SubscriberStatus.of(rs.getString("status")),
                rs.getString("manage_token"));
    }

    private static Confirmation confirmation(ResultSet rs, int row) throws SQLException {
        Choices choices = new Choices(Frequency.of(rs.getString("frequency")),
                Choices.Match.of(rs.getString("match_mode")),
                strings(rs.getArray("topics")), strings(rs.getArray("regions")));
        return new Confirmation(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getString("email"), choices,
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "confirmed_at"),
                rs.getObject("delivery_id", Long.class));
    }

    // Retention. A reader who never confirmed goes once their latest request is older than the horizon, so one who
    // signed up long ago but asked again lately keeps the fresh link working. Their confirmations go by cascade.
    int deleteUnconfirmedReaders(Instant madeBefore) {
        return jdbc.sql("""
                        delete from subscriber s
                        where s.status = 'pending' and s.confirmed_at is null and s.created_at < :before
                          and not exists (select 1 from confirmation c
                                          where c.subscriber_id = s.id and c.created_at >= :before)
                        """)
                .param("before", utc(madeBefore))
                .update();
    }

    // Used confirmations stay: they are the record of consent. An unused one goes once old, and never while it works.
    int deleteUnusedConfirmations(Instant madeBefore, Instant now) {
        return jdbc.sql("""
                        delete from confirmation
                        where confirmed_at is null and created_at < :before and expires_at < :now
                        """)
                .param("before", utc(madeBefore))
                .param("now", utc(now))
                .update();
    }
}
