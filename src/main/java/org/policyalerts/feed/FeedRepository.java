package org.policyalerts.feed;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.policyalerts.taxonomy.Term;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All of the feed feature's SQL. */
@Repository
class FeedRepository {

    private static final String COLUMNS = """
            id, url, language, mode, status, last_polled_at, items_added, items_updated, last_error""";

    private final JdbcClient jdbc;

    FeedRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Feed insert(String url, String language, FeedMode mode, Instant now) {
        return jdbc.sql("insert into feed (url, language, mode, status, created_at) values (:url, :language, :mode, "
                        + ":status, :now) returning " + COLUMNS)
                .param("url", url).param("language", language).param("mode", mode.code())
                .param("status", FeedStatus.NEW.code()).param("now", utc(now))
                .query(FeedRepository::feed).single();
    }

    Optional<Feed> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from feed where id = :id").param("id", id)
                .query(FeedRepository::feed).optional();
    }

    List<Feed> findAll() {
        return jdbc.sql("select " + COLUMNS + " from feed order by id").query(FeedRepository::feed).list();
    }

    /**
     * What a poll needs besides the feed: the validators of the last response, for a conditional GET, and the lease
     * as stored (read back, so it compares equal at the database's precision) to finish under.
     */
    record Claimed(Feed feed, String etag, String lastModified, Instant leaseUntil) {
    }

    /**
     * Takes the feed's poll if nobody holds it or its holder's lease ran out: one atomic update, so of two instances
     * asking at once exactly one gets a row back. {@code dueBefore} skips feeds polled since (the schedule); null
     * claims it whenever free (poll now). No lock is held while the feed is fetched.
     */
    Optional<Claimed> claim(long id, Instant now, Duration lease, Instant dueBefore) {
        return jdbc.sql("update feed set lease_until = :until where id = :id and lease_until < :now "
                        + "and (cast(:due as timestamptz) is null or last_polled_at is null or last_polled_at < :due) "
                        + "returning " + COLUMNS + ", etag, last_modified, lease_until")
                .param("id", id).param("now", utc(now)).param("until", utc(now.plus(lease))).param("due", utc(dueBefore))
                .query((rs, n) -> new Claimed(feed(rs, n), rs.getString("etag"), rs.getString("last_modified"),
                        instant(rs, "lease_until")))
                .optional();
    }

    /**
     * Records how the poll went and frees the lease. Validators are kept as they were when the poll brought none.
     * Only the poll still holding its lease writes ({@code lease_until} still the one it claimed): a poll that ran
     * past its lease lost the feed to another, whose outcome and lease must stand.
     */
    void finish(long id, Instant leaseUntil, FeedStatus status, Instant now, int added, int updated, String error,
            String etag, String lastModified) {
        jdbc.sql("""
                        update feed set status = :status, last_polled_at = :now, items_added = :added,
                            items_updated = :updated, last_error = :error, etag = coalesce(:etag, etag),
                            last_modified = coalesce(:lastModified, last_modified), lease_until = '-infinity'
                        where id = :id and lease_until = :until
                        """)
                .param("id", id).param("until", utc(leaseUntil)).param("status", status.code()).param("now", utc(now)).param("added", added)
                .param("updated", updated).param("error", error).param("etag", etag)
                .param("lastModified", lastModified).update();
    }

    List<Long> ids() {
        return jdbc.sql("select id from feed order by id").query(Long.class).list();
    }

    /** An item turned into a brief before: its brief (null if since deleted) and its content hash then. */
    record Known(Long briefId, String hash) {
    }

    Optional<Known> item(long feedId, String key) {
        return jdbc.sql("select brief_id, content_hash from feed_item where feed_id = :feed and item_key = :key")
                .param("feed", feedId).param("key", key)
                .query((rs, n) -> new Known(rs.getObject("brief_id", Long.class), rs.getString("content_hash")))
                .optional();
    }

    void saveItem(long feedId, String key, long briefId, String hash, String translationUrl) {
        jdbc.sql("""
                        insert into feed_item (feed_id, item_key, brief_id, content_hash, translation_url)
                        values (:feed, :key, :brief, :hash, :translation)
                        on conflict (feed_id, item_key) do update set brief_id = excluded.brief_id,
                            content_hash = excluded.content_hash, translation_url = excluded.translation_url
                        """)
                .param("feed", feedId).param("key", key).param("brief", briefId).param("hash", hash)
                .param("translation", translationUrl).update();
    }

    record Mapping(String category, Term.Kind kind, String slug) {
        public boolean mapped() {
            return kind != null;
        }
    }

    /** Every category seen in the feed, mapped or not (staff list), by name. */
    List<Mapping> categories(long feedId) {
        return jdbc.sql("select category, kind, slug from feed_category where feed_id = :feed order by category")
                .param("feed", feedId)
                .query((rs, n) -> new Mapping(rs.getString("category"),
                        rs.getString("kind") == null ? null : Term.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                        rs.getString("slug")))
                .list();
    }

    /** Remembers a category the taxonomy does not name, for staff to map; one already known is left as it is. */
    void noteUnmapped(long feedId, String category) {
        jdbc.sql("insert into feed_category (feed_id, category) values (:feed, :category) on conflict do nothing")
                .param("feed", feedId).param("category", category).update();
    }

    /**
     * Maps the category and forgets the feed's validators, so that the next poll fetches the feed in full (not a 304)
     * and retags the items that carry the category.
     */
    boolean map(long feedId, String category, Term.Kind kind, String slug) {
        jdbc.sql("update feed set etag = null, last_modified = null where id = :feed").param("feed", feedId).update();
        return jdbc.sql("update feed_category set kind = :kind, slug = :slug where feed_id = :feed and category = :category")
                .param("feed", feedId).param("category", category).param("kind", kind.name().toLowerCase(Locale.ROOT))
                .param("slug", slug).update() == 1;
    }

    private static Feed feed(ResultSet rs, int n) throws SQLException {
        return new Feed(rs.getLong("id"), rs.getString("url"), rs.getString("language"),
                FeedMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)), FeedStatus.of(rs.getString("status")),
                instant(rs, "last_polled_at"), rs.getInt("items_added"), rs.getInt("items_updated"),
                rs.getString("last_error"));
    }
}
