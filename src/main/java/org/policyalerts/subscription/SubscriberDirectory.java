package org.policyalerts.subscription;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.strings;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the staff pages about readers (search, a reader's record, suppression, import). Kept apart from
 * {@link SubscriptionRepository}, which holds the readers' own flows and is changing fast with the preference centre;
 * the two share the tables and the status codes ({@link SubscriberStatus}).
 */
@Repository
class SubscriberDirectory {

    private final JdbcClient jdbc;

    SubscriberDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Listed(long id, String email, SubscriberStatus status, Frequency frequency, String language,
            Instant createdAt) {
    }

    record Detail(long id, String email, SubscriberStatus status, Frequency frequency, String language,
            Instant createdAt, Instant confirmedAt, Instant unsubscribedAt) {
    }

    /** A confirmation link mailed to the reader: what it asked for, when, and whether and when it was used. */
    record ConfirmationLink(Instant createdAt, Instant expiresAt, Instant confirmedAt, Frequency frequency,
            List<String> topics, List<String> regions, Long deliveryId) {
    }

    record Imported(String consentSource, boolean proofOfConsent, String importedBy, Instant importedAt) {
    }

    /** One opt-in or change as the consent table keeps it (action and source in their database codes). */
    record Consent(Instant createdAt, String action, String source, String wordingVersion, String clientIp,
            Instant confirmedAt) {
    }

    record Mailed(long id, String kind, Long runId, String status, int attempts, Instant createdAt, Instant sentAt,
            String smtpReply, String lastError) {
    }

    /** What an import needs to know about an address already stored. */
    record Existing(long id, String email, SubscriberStatus status, Frequency frequency) {
    }

    // Substring search on the trigram index (subscriber_email_trgm): a prefix is a substring too. LIKE's wildcards
    // in what staff typed are escaped. One row more than the page says whether there is a next page.
    List<Listed> search(String query, int limit, int offset) {
        String escaped = query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("""
                        select id, email, status, frequency, language, created_at from subscriber
                        where lower(email) like :pattern escape '\\'
                        order by lower(email), id limit :limit offset :offset
                        """)
                .param("pattern", "%" + escaped + "%")
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new Listed(rs.getLong("id"), rs.getString("email"),
                        SubscriberStatus.of(rs.getString("status")), Frequency.of(rs.getString("frequency")),
                        rs.getString("language"), instant(rs, "created_at")))
                .list();
    }

    Optional<Detail> find(long id) {
        return jdbc.sql("select * from subscriber where id = :id")
                .param("id", id)
                .query((rs, n) -> new Detail(rs.getLong("id"), rs.getString("email"),
                        SubscriberStatus.of(rs.getString("status")), Frequency.of(rs.getString("frequency")),
                        rs.getString("language"), instant(rs, "created_at"), instant(rs, "confirmed_at"),
                        instant(rs, "unsubscribed_at")))
                .optional();
    }

    List<ConfirmationLink> confirmations(long id) {
        return jdbc.sql("select * from confirmation where subscriber_id = :id order by created_at desc")
                .param("id", id)
                .query((rs, n) -> new ConfirmationLink(instant(rs, "created_at"), instant(rs, "expires_at"),
                        instant(rs, "confirmed_at"), Frequency.of(rs.getString("frequency")),
                        strings(rs.getArray("topics")), strings(rs.getArray("regions")),
                        rs.getObject("delivery_id", Long.class)))
                .list();
    }

    List<Imported> imports(long id) {
        return jdbc.sql("select * from subscriber_import where subscriber_id = :id order by imported_at desc")
                .param("id", id)
                .query((rs, n) -> new Imported(rs.getString("consent_source"), rs.getBoolean("proof_of_consent"),
                        rs.getString("imported_by"), instant(rs, "imported_at")))
                .list();
    }

    // Newest first, like the other histories on the reader's page; served by the index consent_subscriber. The
    // choices and the user agent stay in the table: staff need the circumstances, not the reader's browser.
    List<Consent> consents(long id) {
        return jdbc.sql("""
                        select created_at, action, source, wording_version, client_ip, confirmed_at from consent
                        where subscriber_id = :id order by created_at desc, id desc
                        """)
                .param("id", id)
                .query((rs, n) -> new Consent(instant(rs, "created_at"), rs.getString("action"), rs.getString("source"),
                        rs.getString("wording_version"), rs.getString("client_ip"), instant(rs, "confirmed_at")))
                .list();
    }

    // Read straight from the outbox (index delivery_subscriber): staff see each mail's state and the server's reply.
    List<Mailed> mailed(long id, int limit) {
        return jdbc.sql("""
                        select id, kind, run_id, status, attempts, created_at, sent_at, smtp_reply, last_error
                        from delivery where subscriber_id = :id order by id desc limit :limit
                        """)
                .param("id", id)
                .param("limit", limit)
                .query((rs, n) -> new Mailed(rs.getLong("id"), rs.getString("kind"), rs.getObject("run_id", Long.class),
                        rs.getString("status"), rs.getInt("attempts"), instant(rs, "created_at"),
                        instant(rs, "sent_at"), rs.getString("smtp_reply"), rs.getString("last_error")))
                .list();
    }

    /** False if they were suppressed already. Their follows stay, for an unsuppress. */
    boolean suppress(long id) {
        return jdbc.sql("update subscriber set status = :suppressed where id = :id and status <> :suppressed")
                .param("id", id)
                .param("suppressed", SubscriberStatus.SUPPRESSED.code())
                .update() == 1;
    }

    // Back to where they would stand had they never been suppressed: active once confirmed and not left, pending if
    // never confirmed, unsubscribed if they had left.
    boolean unsuppress(long id) {
        return jdbc.sql("""
                        update subscriber set status = case when unsubscribed_at is not null then :unsubscribed
                                                            when confirmed_at is not null then :active
                                                            else :pending end
                        where id = :id and status = :suppressed
                        """)
                .param("id", id)
                .param("suppressed", SubscriberStatus.SUPPRESSED.code())
                .param("unsubscribed", SubscriberStatus.UNSUBSCRIBED.code())
                .param("active", SubscriberStatus.ACTIVE.code())
                .param("pending", SubscriberStatus.PENDING.code())
                .update() == 1;
    }

    List<Existing> existing(Collection<String> lowerCaseEmails) {
        return jdbc.sql("select id, email, status, frequency from subscriber where lower(email) = any(:emails)")
                .param("emails", lowerCaseEmails.toArray(String[]::new))
                .query((rs, n) -> new Existing(rs.getLong("id"), rs.getString("email"),
                        SubscriberStatus.of(rs.getString("status")), Frequency.of(rs.getString("frequency"))))
                .list();
    }

    void recordImport(long subscriberId, String consentSource, boolean proof, String importedBy, Instant now) {
        jdbc.sql("""
                        insert into subscriber_import (subscriber_id, consent_source, proof_of_consent, imported_by,
                                                       imported_at)
                        values (:id, :source, :proof, :by, :now)
                        """)
                .param("id", subscriberId)
                .param("source", consentSource)
                .param("proof", proof)
                .param("by", importedBy)
                .param("now", utc(now))
                .update();
    }

    /** Every reader with their follows as "topic/region" pairs ("*" for ANY), in id order: the export's query. */
    static final String EXPORT = """
            select s.id, s.email, s.status, s.frequency, s.language, s.created_at, s.confirmed_at, s.unsubscribed_at,
                   array(select coalesce(t.slug, '*') || '/' || coalesce(r.slug, '*')
                         from subscription x
                         left join topic t on t.id = x.topic_id
                         left join region r on r.id = x.region_id
                         where x.subscriber_id = s.id order by 1) as follows
            from subscriber s order by s.id
            """;

    static ExportRow exportRow(ResultSet rs) throws SQLException {
        return new ExportRow(rs.getLong("id"), rs.getString("email"), rs.getString("status"),
                rs.getString("frequency"), rs.getString("language"), instant(rs, "created_at"),
                instant(rs, "confirmed_at"), instant(rs, "unsubscribed_at"), strings(rs.getArray("follows")));
    }

    record ExportRow(long id, String email, String status, String frequency, String language, Instant createdAt,
            Instant confirmedAt, Instant unsubscribedAt, List<String> follows) {
    }
}
