package org.policyalerts.brief;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.strings;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about briefs. */
@Repository
class BriefRepository {

    // The tags come along as slug arrays so a page of briefs is one query, not one per brief.
    private static final String SELECT = """
            select b.*,
                   array(select t.slug from brief_topic bt join topic t on t.id = bt.topic_id
                         where bt.brief_id = b.id order by t.slug) as topics,
                   array(select r.slug from brief_region br join region r on r.id = br.region_id
                         where br.brief_id = b.id order by r.slug) as regions
            from brief b
            """;

    private final JdbcClient jdbc;

    BriefRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Upserted(long id, boolean created) {
    }

    /** Keyed by external id so a re-sent or corrected brief updates in place and keeps its arrival time. */
    Upserted upsert(BriefInput in, Instant now) {
        return jdbc.sql("""
                        insert into brief (external_id, url, type, title, summary, authors, published_at, language,
                                           created_at, updated_at)
                        values (:externalId, :url, :type, :title, :summary, :authors, :publishedAt, :language, :now, :now)
                        on conflict (external_id) do update set
                            url = excluded.url, type = excluded.type, title = excluded.title,
                            summary = excluded.summary, authors = excluded.authors,
                            published_at = excluded.published_at, language = excluded.language,
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
                .param("now", utc(now))
                .query((rs, n) -> new Upserted(rs.getLong("id"), rs.getBoolean("created")))
                .single();
    }

    void replaceTags(long briefId, List<String> topics, List<String> regions) {
        jdbc.sql("delete from brief_topic where brief_id = :id").param("id", briefId).update();
        jdbc.sql("delete from brief_region where brief_id = :id").param("id", briefId).update();
        jdbc.sql("insert into brief_topic (brief_id, topic_id) select :id, id from topic where slug = any(:slugs)")
                .param("id", briefId).param("slugs", topics.toArray(String[]::new)).update();
        jdbc.sql("insert into brief_region (brief_id, region_id) select :id, id from region where slug = any(:slugs)")
                .param("id", briefId).param("slugs", regions.toArray(String[]::new)).update();
    }

    List<Brief> findRecent(int limit) {
        return jdbc.sql(SELECT + "order by b.published_at desc, b.id desc limit :limit")
                .param("limit", limit)
                .query(BriefRepository::brief)
                .list();
    }

    List<Brief> findAll(Long[] ids) {
        return jdbc.sql(SELECT + "where b.id = any(:ids)").param("ids", ids).query(BriefRepository::brief).list();
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
                instant(rs, "updated_at"));
    }
}
