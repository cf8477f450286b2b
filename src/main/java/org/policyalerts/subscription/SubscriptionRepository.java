package org.policyalerts.subscription;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.strings;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
    record Confirmation(long id, long subscriberId, String email, Choices choices, String zone, Instant createdAt,
            Instant expiresAt, Instant confirmedAt, Long deliveryId) {
    }

    // Two sign-ups for the same new address may race: the loser's insert is a no-op and it reads the winner's row.
    // A new reader takes the edition of the page they signed up on, plus English, in which every brief is first
    // published: one from the Arabic page gets Arabic versions where they exist and the English original otherwise.
    Subscriber findOrCreate(String email, Frequency frequency, String language, String manageToken, Instant now) {
        jdbc.sql("""
                        insert into subscriber (email, status, frequency, language, editions, manage_token, created_at)
                        values (:email, 'pending', :frequency, :language,
                                case when :language = 'en' then array['en'] else array[cast(:language as text), 'en'] end,
                                :token, :now)
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

    long insertConfirmation(long subscriberId, byte[] tokenHash, Choices choices, String zone, Instant now,
            Instant expiresAt, long deliveryId) {
        return jdbc.sql("""
                        insert into confirmation (subscriber_id, token_hash, frequency, match_mode, topics, regions,
                                                  zone, created_at, expires_at, delivery_id)
                        values (:subscriber, :hash, :frequency, :match, :topics, :regions, :zone, :now, :expires, :delivery)
                        returning id
                        """)
                .param("delivery", deliveryId)
                .param("zone", zone, Types.VARCHAR)
                .param("subscriber", subscriberId)
                .param("hash", tokenHash)
                .param("frequency", choices.frequency().code())
                .param("match", choices.match().code())
                .param("topics", choices.topics().toArray(String[]::new))
                .param("regions", choices.regions().toArray(String[]::new))
                .param("now", utc(now))
                .param("expires", utc(expiresAt))
                .query(Long.class)
                .single();
    }

    void updateChoices(long confirmationId, Choices choices, String zone) {
        jdbc.sql("update confirmation set frequency = :frequency, match_mode = :match, topics = :topics, "
                        + "regions = :regions, zone = :zone where id = :id")
                .param("id", confirmationId)
                .param("zone", zone, Types.VARCHAR)
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

    /**
     * A suppressed address (hard bounce, complaint) stays suppressed whatever it clicks. The ticks are stored as
     * made, for the preference centre; a pause from before they left does not outlive a new sign-up.
     */
    void activate(long subscriberId, Choices choices, String zone, Instant now) {
        jdbc.sql("""
                        update subscriber set status = 'active', frequency = :frequency, match_mode = :match,
                                              topics = :topics, regions = :regions, zone = coalesce(:zone, zone),
                                              paused_from = null, paused_until = null,
                                              confirmed_at = coalesce(confirmed_at, :now), unsubscribed_at = null
                        where id = :id and status <> 'suppressed'
                        """)
                .param("id", subscriberId)
                .param("match", choices.match().code())
                .param("topics", choices.topics().toArray(String[]::new))
                .param("regions", choices.regions().toArray(String[]::new))
                .param("zone", zone, Types.VARCHAR)
                .param("frequency", choices.frequency().code())
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
     * what was published while they were away. Returns whether they were active: the row's old status is read
     * locked in the same statement, since UPDATE ... RETURNING only sees the new one.
     */
    boolean unsubscribe(long subscriberId, Instant now) {
        boolean wasActive = jdbc.sql("""
                        update subscriber s set status = 'unsubscribed', unsubscribed_at = :now
                        from (select id, status from subscriber where id = :id for update) old
                        where s.id = old.id and old.status in ('active', 'pending')
                        returning old.status = 'active'
                        """)
                .param("id", subscriberId).param("now", utc(now))
                .query(Boolean.class).optional().orElse(false);
        jdbc.sql("delete from subscription where subscriber_id = :id").param("id", subscriberId).update();
        return wasActive;
    }

    List<Reader> activeReaders(Long[] ids) {
        return jdbc.sql("select id, email, language, manage_token from subscriber where id = any(:ids) and status = 'active'")
                .param("ids", ids)
                .query(SubscriptionRepository::reader)
                .list();
    }

    Optional<Reader> reader(long id) {
        return jdbc.sql("select id, email, language, manage_token from subscriber where id = :id")
                .param("id", id)
                .query(SubscriptionRepository::reader)
                .optional();
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

    private static Reader reader(ResultSet rs, int row) throws SQLException {
        return new Reader(rs.getLong("id"), rs.getString("email"), rs.getString("language"), rs.getString("manage_token"));
    }

    private static Confirmation confirmation(ResultSet rs, int row) throws SQLException {
        Choices choices = new Choices(Frequency.of(rs.getString("frequency")),
                Choices.Match.of(rs.getString("match_mode")),
                strings(rs.getArray("topics")), strings(rs.getArray("regions")));
        return new Confirmation(rs.getLong("id"), rs.getLong("subscriber_id"), rs.getString("email"), choices,
                rs.getString("zone"),
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

    // The log only caps manage-link mails per day (lookUpForManageLink), so a row older than a day has done its work.
    int deleteManageLinkMails(Instant madeBefore) {
        return jdbc.sql("delete from manage_link_mail where created_at < :before")
                .param("before", utc(madeBefore)).update();
    }

    // --- The preference centre, consent and erasure ---

    /** A reader as the preference centre shows them. {@code zone} null: the publisher's. */
    record Settings(long id, String email, SubscriberStatus status, String manageToken, Choices choices, String language,
            List<String> editions, String zone, Instant pausedUntil) {
    }

    Optional<Settings> findSettings(String manageToken) {
        return jdbc.sql("select * from subscriber where manage_token = :token")
                .param("token", manageToken)
                .query((rs, n) -> new Settings(rs.getLong("id"), rs.getString("email"),
                        SubscriberStatus.of(rs.getString("status")), rs.getString("manage_token"),
                        new Choices(Frequency.of(rs.getString("frequency")), Choices.Match.of(rs.getString("match_mode")),
                                strings(rs.getArray("topics")), strings(rs.getArray("regions"))),
                        rs.getString("language"), strings(rs.getArray("editions")), rs.getString("zone"),
                        instant(rs, "paused_until")))
                .optional();
    }

    /** The ticks as made; the caller re-expands them into rows with {@link #replaceFollows}. */
    void saveSettings(long subscriberId, Choices choices, String language, List<String> editions, String zone) {
        jdbc.sql("""
                        update subscriber set frequency = :frequency, match_mode = :match, topics = :topics,
                                              regions = :regions, language = :language, editions = :editions, zone = :zone
                        where id = :id
                        """)
                .param("id", subscriberId)
                .param("frequency", choices.frequency().code())
                .param("match", choices.match().code())
                .param("topics", choices.topics().toArray(String[]::new))
                .param("regions", choices.regions().toArray(String[]::new))
                .param("language", language)
                .param("editions", editions.toArray(String[]::new))
                .param("zone", zone, Types.VARCHAR)
                .update();
    }

    /** {@code until} null: until resumed (stored as 'infinity'). */
    void pause(long subscriberId, Instant from, Instant until) {
        jdbc.sql("update subscriber set paused_from = :from, "
                        + "paused_until = coalesce(:until, 'infinity'::timestamptz) where id = :id")
                .param("id", subscriberId).param("from", utc(from))
                .param("until", utc(until), Types.TIMESTAMP_WITH_TIMEZONE).update();
    }

    // Ends the pause now but keeps its window, so what arrived while paused stays unsent.
    void resume(long subscriberId, Instant now) {
        jdbc.sql("update subscriber set paused_until = :now where id = :id and paused_until > :now")
                .param("id", subscriberId).param("now", utc(now)).update();
    }

    /** Removes one row and, when it was a single tick, that tick; returns whether the row existed. */
    boolean removeFollow(long subscriberId, int topicKey, int regionKey, String topic, String region) {
        int removed = jdbc.sql("delete from subscription where subscriber_id = :id and topic_key = :t and region_key = :r")
                .param("id", subscriberId).param("t", topicKey).param("r", regionKey).update();
        // (t, ANY) and (ANY, r) are one tick each; a (t, r) pair of "all" is no single tick, so the ticks stay.
        if (removed > 0 && (topic == null) != (region == null)) {
            jdbc.sql("update subscriber set topics = array_remove(topics, cast(:topic as text)), "
                            + "regions = array_remove(regions, cast(:region as text)) "
                            + "where id = :id")
                    .param("id", subscriberId).param("topic", topic, Types.VARCHAR)
                    .param("region", region, Types.VARCHAR).update();
        }
        return removed > 0;
    }

    int countFollows(long subscriberId) {
        return jdbc.sql("select count(*) from subscription where subscriber_id = :id")
                .param("id", subscriberId).query(Integer.class).single();
    }

    void insertConsent(long subscriberId, Long confirmationId, ConsentRecord consent, String choicesJson, Instant now,
            Instant confirmedAt) {
        jdbc.sql("""
                        insert into consent (subscriber_id, confirmation_id, action, source, wording_version, choices,
                                             client_ip, user_agent, created_at, confirmed_at)
                        values (:id, :confirmation, :action, :source, :version, cast(:choices as jsonb),
                                :ip, :agent, :now, :confirmed)
                        """)
                .param("id", subscriberId)
                .param("confirmation", confirmationId, Types.BIGINT)
                .param("action", consent.action().code())
                .param("source", consent.source().code())
                .param("version", consent.wordingVersion(), Types.VARCHAR)
                .param("choices", choicesJson)
                .param("ip", consent.clientIp(), Types.VARCHAR)
                .param("agent", consent.userAgent(), Types.VARCHAR)
                .param("now", utc(now))
                .param("confirmed", utc(confirmedAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    void confirmConsent(long confirmationId, Instant now) {
        jdbc.sql("update consent set confirmed_at = :now where confirmation_id = :id and confirmed_at is null")
                .param("id", confirmationId).param("now", utc(now)).update();
    }

    // "Manage my alerts": the same two statements run whether or not the address is a reader (a null id matches
    // nothing), so the answer takes as long either way.
    record ManageLookup(Long subscriberId, String email, String manageToken, String language, int mailedToday) {
    }

    ManageLookup lookUpForManageLink(String email, Instant since) {
        return jdbc.sql("""
                        select s.id, s.email, s.manage_token, s.language,
                               (select count(*) from manage_link_mail m where m.subscriber_id = s.id
                                and m.created_at > :since) as mailed
                        from (select 1) one
                        left join subscriber s on lower(s.email) = lower(:email) and s.status = 'active'
                        """)
                .param("email", email).param("since", utc(since))
                .query((rs, n) -> new ManageLookup(rs.getObject("id", Long.class), rs.getString("email"),
                        rs.getString("manage_token"),
                        rs.getString("language"), rs.getInt("mailed")))
                .single();
    }

    void recordManageLinkMail(long subscriberId, Instant now) {
        jdbc.sql("insert into manage_link_mail (subscriber_id, created_at) values (:id, :now)")
                .param("id", subscriberId).param("now", utc(now)).update();
    }

    /**
     * Everything stored about one reader, as JSON built by PostgreSQL (timestamps in ISO 8601). The manage token
     * is left out: it is a key, not data about them, and a downloaded file should not carry it.
     */
    String export(long subscriberId) {
        return jdbc.sql("""
                        select jsonb_build_object(
                          'reader', (select to_jsonb(s) - 'manage_token' - 'id' from subscriber s where s.id = :id),
                          'follows', coalesce((select jsonb_agg(jsonb_build_object('topic', t.slug, 'region', r.slug,
                                                                                   'since', x.created_at))
                                               from subscription x left join topic t on t.id = x.topic_id
                                               left join region r on r.id = x.region_id
                                               where x.subscriber_id = :id), '[]'),
                          'confirmations', coalesce((select jsonb_agg(to_jsonb(c) - 'token_hash' - 'subscriber_id' - 'id'
                                                                      order by c.created_at)
                                                     from confirmation c where c.subscriber_id = :id), '[]'),
                          'consents', coalesce((select jsonb_agg(to_jsonb(c) - 'subscriber_id' - 'id' order by c.created_at)
                                                from consent c where c.subscriber_id = :id), '[]'),
                          'deliveries', coalesce((select jsonb_agg(jsonb_build_object(
                                                    'kind', d.kind, 'status', d.status, 'queued_at', d.created_at,
                                                    'sent_at', d.sent_at,
                                                    'briefs', coalesce((select jsonb_agg(b.url) from delivery_brief db
                                                                        join brief b on b.id = db.brief_id
                                                                        where db.delivery_id = d.id), '[]'))
                                                  order by d.created_at)
                                                  from delivery d where d.subscriber_id = :id), '[]'),
                          'manage_link_mails', coalesce((select jsonb_agg(m.created_at order by m.created_at)
                                                         from manage_link_mail m where m.subscriber_id = :id), '[]'),
                          'imports', coalesce((select jsonb_agg(to_jsonb(i) - 'subscriber_id' - 'id' order by i.imported_at)
                                               from subscriber_import i where i.subscriber_id = :id), '[]'),
                          'bounces', coalesce((select jsonb_agg(to_jsonb(b) - 'subscriber_id' - 'id' - 'delivery_id'
                                                         order by b.received_at)
                                               from bounce_event b where b.subscriber_id = :id), '[]'))::text
                        """)
                .param("id", subscriberId)
                .query(String.class)
                .single();
    }

    /** Suppresses the hash and deletes the reader; everything of theirs goes with them (on delete cascade). */
    void erase(long subscriberId, byte[] addressHash, Instant now) {
        jdbc.sql("insert into suppression (address_hash, reason, created_at) values (:hash, 'erased', :now) "
                        + "on conflict do nothing")
                .param("hash", addressHash).param("now", utc(now)).update();
        jdbc.sql("delete from subscriber where id = :id").param("id", subscriberId).update();
    }

    Optional<String> emailOf(long subscriberId) {
        return jdbc.sql("select email from subscriber where id = :id").param("id", subscriberId)
                .query(String.class).optional();
    }

    // The hashes travel as hex text (a text[] binds plainly; a bytea[] does not), decoded on the server so the
    // lookup still uses suppression's primary key.
    List<String> suppressedAmong(Collection<String> hexHashes) {
        return jdbc.sql("""
                        select encode(address_hash, 'hex') from suppression
                        where address_hash = any(select decode(h, 'hex') from unnest(cast(:hashes as text[])) h)
                        """)
                .param("hashes", hexHashes.toArray(String[]::new)).query(String.class).list();
    }

    void liftSuppression(byte[] addressHash) {
        jdbc.sql("delete from suppression where address_hash = :hash").param("hash", addressHash).update();
    }
}
