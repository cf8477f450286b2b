package org.policyalerts.taxonomy;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.strings;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** All SQL on topics and regions. Every write moves taxonomy_state.version (a trigger), which instances watch. */
@Repository
class TaxonomyRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    TaxonomyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * True for the one caller that gets to seed: the row lock makes a second instance starting at the same time
     * wait, then see it seeded.
     */
    boolean claimSeeding(Instant now) {
        return jdbc.sql("update taxonomy_state set seeded_at = :now where seeded_at is null")
                .param("now", utc(now)).update() == 1;
    }

    long version() {
        return jdbc.sql("select version from taxonomy_state").query(Long.class).single();
    }

    /** Returns the new term's id, or empty if the slug is taken (retired terms keep theirs). */
    Optional<Integer> insert(Term.Kind kind, String slug, String name, Map<String, String> names, List<String> aliases) {
        return jdbc.sql("insert into " + kind.table + " (slug, name, names, aliases) "
                        + "values (:slug, :name, cast(:names as jsonb), :aliases) on conflict (slug) do nothing returning id")
                .param("slug", slug)
                .param("name", name)
                .param("names", JSON.writeValueAsString(names))
                .param("aliases", aliases.toArray(String[]::new))
                .query(Integer.class)
                .optional();
    }

    /** The slug never changes: article pages' sign-up links and API clients name terms by it. */
    boolean update(Term.Kind kind, int id, String name, Map<String, String> names, List<String> aliases) {
        return jdbc.sql("update " + kind.table + " set name = :name, names = cast(:names as jsonb), aliases = :aliases "
                        + "where id = :id")
                .param("id", id)
                .param("name", name)
                .param("names", JSON.writeValueAsString(names))
                .param("aliases", aliases.toArray(String[]::new))
                .update() == 1;
    }

    /** {@code at} null restores the term. */
    boolean setRetired(Term.Kind kind, int id, Instant at) {
        return jdbc.sql("update " + kind.table + " set retired_at = :at where id = :id")
                .param("id", id)
                .param("at", utc(at))
                .update() == 1;
    }

    List<Term> findAll(Term.Kind kind) {
        return jdbc.sql("select id, slug, name, names, aliases, retired_at from " + kind.table + " order by name")
                .query((rs, n) -> term(kind, rs))
                .list();
    }

    private static Term term(Term.Kind kind, ResultSet rs) throws SQLException {
        return new Term(kind, rs.getInt("id"), rs.getString("slug"), rs.getString("name"),
                JSON.readValue(rs.getString("names"), NAMES), strings(rs.getArray("aliases")), instant(rs, "retired_at"));
    }
}
