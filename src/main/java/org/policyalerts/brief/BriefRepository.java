package org.policyalerts.brief;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.strings;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about briefs. */
@Repository
class BriefRepository {

    // The tags come along as slug arrays so a page of briefs is one query, not one per brief. "scheduled" is
    // derived from the (application's) clock, so it needs :now.
    private static final String SELECT = """
            select b.*,
                   case when b.state = 'published' and b.published_at > :now then 'scheduled'
                        else b.state end as shown_state,
                   array(select t.slug from brief_topic bt join topic t on t.id = bt.topic_id
                         where bt.brief_id = b.id order by t.slug) as topics,
                   array(select r.slug from brief_region br join region r on r.id = br.region_id
                         where br.brief_id = b.id order by r.slug) as regions,
                   (select o.external_id from brief o where o.id = b.translation_of) as translation_of_external_id
            from brief b
            """;

    private final JdbcClient jdbc;

    BriefRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Upserted(long id, boolean created) {
    }

    Optional<Long> idOf(String externalId) {
        return jdbc.sql("select id from brief where external_id = :externalId").param("externalId", externalId)
                .query(Long.class).optional();
    }

    /**
     * Keyed by external id so a re-sent or corrected brief updates in place and keeps its arrival time.
     * {@code originalId}: the root original it translates, null for an original.
     */
    Upserted upsert(BriefInput in, Long originalId, Instant now) {
        return jdbc.sql("""
                        insert into brief (external_id, url, type, title, summary, authors, published_at, language,
                                           state, urgent, translation_of, created_at, updated_at)
                        values (:externalId, :url, :type, :title, :summary, :authors, :publishedAt, :language,
                                :state, :urgent, :originalId, :now, :now)
                        on conflict (external_id) do update set
                            url = excluded.url, type = excluded.type, title = excluded.title,
                            summary = excluded.summary, authors = excluded.authors,
                            published_at = excluded.published_at, language = excluded.language,
                            -- retraction is final, whoever sends the brief again
                            state = case when brief.state = 'retracted' then 'retracted' else excluded.state end,
                            urgent = excluded.urgent, translation_of = excluded.translation_of,
                            -- a draft reaches readers when it is published: those who signed up meanwhile match it
                            created_at = case when brief.state = 'draft' and excluded.state = 'published'
                                              then excluded.created_at else brief.created_at end,
                            updated_at = excluded.updated_at
                        returning id, (xmax = 0) as created
                        """)
                .param("externalId", in.externalId())
                .param("url", in.url())
                .param("type", in.type())
                .param("title", in.title())
                .param("summary", in.summary())
                .param("authors", in.authors().toArray(String[]::new))
                .param("publishedAt", utc(in.publishedAt()))
                .param("language", in.language())
                .param("state", in.briefState().stored())
                .param("urgent", in.urgent())
                .param("originalId", originalId, Types.BIGINT)
                .param("now", utc(now))
                .query((rs, n) -> new Upserted(rs.getLong("id"), rs.getBoolean("created")))
                .single();
    }

    /**
     * The original a translation would name: the brief with {@code externalId}, or its own original when it is a
     * translation itself (translation_of always points at a root, so one step is enough). {@code takenBy} is the
     * external id of a live (not retracted) version of that original already in {@code language}, other than
     * {@code self}; null when the language is free.
     */
    record Original(long id, String externalId, String takenBy) {
    }

    Optional<Original> original(String externalId, String language, String self) {
        return jdbc.sql("""
                        select o.id, o.external_id,
                               (select v.external_id from brief v
                                where (v.id = o.id or v.translation_of = o.id) and v.language = :language
                                  and v.state <> 'retracted' and v.external_id <> :self
                                order by v.id limit 1) as taken_by
                        from brief named join brief o on o.id = coalesce(named.translation_of, named.id)
                        where named.external_id = :externalId
                        """)
                .param("externalId", externalId)
                .param("language", language)
                .param("self", self)
                .query((rs, n) -> new Original(rs.getLong("id"), rs.getString("external_id"), rs.getString("taken_by")))
                .optional();
    }

    /**
     * A brief that becomes a translation hands its own translations over to its original, so that translation_of
     * keeps pointing at a root and a group never needs a recursive query.
     */
    void moveTranslations(long from, long to) {
        jdbc.sql("update brief set translation_of = :to where translation_of = :from")
                .param("from", from).param("to", to).update();
    }

    /** The brief at {@code url}, the oldest if several are; the feed finds an item's other-language version so. */
    Optional<Brief> findByUrl(String url, Instant now) {
        return jdbc.sql(SELECT + "where b.url = :url order by b.id limit 1").param("url", url).param("now", utc(now))
                .query(BriefRepository::brief).optional();
    }

    void replaceTags(long briefId, List<String> topics, List<String> regions) {
        jdbc.sql("delete from brief_topic where brief_id = :id").param("id", briefId).update();
        jdbc.sql("delete from brief_region where brief_id = :id").param("id", briefId).update();
        jdbc.sql("insert into brief_topic (brief_id, topic_id) select :id, id from topic where slug = any(:slugs)")
                .param("id", briefId).param("slugs", topics.toArray(String[]::new)).update();
        jdbc.sql("insert into brief_region (brief_id, region_id) select :id, id from region where slug = any(:slugs)")
                .param("id", briefId).param("slugs", regions.toArray(String[]::new)).update();
    }

    List<Brief> findAll(Long[] ids, Instant now) {
        return jdbc.sql(SELECT + "where b.id = any(:ids)").param("ids", ids).param("now", utc(now))
                .query(BriefRepository::brief).list();
    }

    // Every filter is optional: a null parameter switches its condition off. Staff lists are small pages over
    // an index on published_at, so one statement with optional conditions beats assembling SQL by hand.
    private static final String FILTERED = """
            where (cast(:title as text) is null or b.title ilike '%' || :title || '%' escape '\\')
              and (cast(:topic as text) is null or exists (
                       select 1 from brief_topic bt join topic t on t.id = bt.topic_id
                       where bt.brief_id = b.id and t.slug = :topic))
              and (cast(:region as text) is null or exists (
                       select 1 from brief_region br join region r on r.id = br.region_id
                       where br.brief_id = b.id and r.slug = :region))
              and (cast(:language as text) is null or b.language = :language)
              and (cast(:state as text) is null
                   or (:state = 'scheduled' and b.state = 'published' and b.published_at > :now)
                   or (:state = 'published' and b.state = 'published' and b.published_at <= :now)
                   or (:state not in ('scheduled', 'published') and b.state = :state))
            """;

    List<Brief> search(BriefFilter filter, Instant now, int limit, long offset) {
        return filtered(SELECT + FILTERED + "order by b.published_at desc, b.id desc limit :limit offset :offset",
                filter, now)
                .param("limit", limit)
                .param("offset", offset)
                .query(BriefRepository::brief)
                .list();
    }

    long count(BriefFilter filter, Instant now) {
        return filtered("select count(*) from brief b " + FILTERED, filter, now).query(Long.class).single();
    }

    private JdbcClient.StatementSpec filtered(String sql, BriefFilter filter, Instant now) {
        return jdbc.sql(sql)
                .param("title", filter.q() == null ? null : filter.q().replaceAll("([\\\\%_])", "\\\\$1"), Types.VARCHAR)
                .param("topic", filter.topic(), Types.VARCHAR)
                .param("region", filter.region(), Types.VARCHAR)
                .param("language", filter.language(), Types.VARCHAR)
                .param("state", filter.state() == null ? null : filter.state().code(), Types.VARCHAR)
                .param("now", utc(now));
    }

    /** False if there is no such brief or it was retracted already. */
    boolean retract(long id, Instant now) {
        return jdbc.sql("update brief set state = 'retracted', updated_at = :now where id = :id and state <> 'retracted'")
                .param("id", id)
                .param("now", utc(now))
                .update() == 1;
    }

    private static Brief brief(ResultSet rs, int row) throws SQLException {
        return new Brief(
                rs.getLong("id"),
                rs.getString("external_id"),
                rs.getString("url"),
                rs.getString("type"),
                rs.getString("title"),
                rs.getString("summary"),
                strings(rs.getArray("authors")),
                instant(rs, "published_at"),
                rs.getString("language"),
                strings(rs.getArray("topics")),
                strings(rs.getArray("regions")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                BriefState.of(rs.getString("shown_state")),
                rs.getBoolean("urgent"),
                rs.getString("translation_of_external_id"));
    }
}
