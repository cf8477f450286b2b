package org.policyalerts.taxonomy;

import static org.policyalerts.jdbc.Sql.strings;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TaxonomyRepository {

    private final JdbcClient jdbc;

    TaxonomyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Slugs are stable; names and aliases follow taxonomy.json. Nothing is ever deleted here. */
    void upsert(Term.Kind kind, String slug, String name, List<String> aliases) {
        jdbc.sql("insert into " + kind.table + " (slug, name, aliases) values (:slug, :name, :aliases) "
                        + "on conflict (slug) do update set name = excluded.name, aliases = excluded.aliases")
                .param("slug", slug)
                .param("name", name)
                .param("aliases", aliases.toArray(String[]::new))
                .update();
    }

    List<Term> findAll(Term.Kind kind) {
        return jdbc.sql("select id, slug, name, aliases from " + kind.table + " order by name")
                .query((rs, n) -> new Term(kind, rs.getInt("id"), rs.getString("slug"), rs.getString("name"),
                        strings(rs.getArray("aliases"))))
                .list();
    }
}
