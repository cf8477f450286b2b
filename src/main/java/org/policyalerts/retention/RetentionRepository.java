package org.policyalerts.retention;

import static org.policyalerts.jdbc.Sql.utc;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about retention runs. What is purged is each feature's own SQL. */
@Repository
class RetentionRepository {

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // The day's primary key makes the claim atomic across instances: the others' inserts are no-ops.
    boolean claim(LocalDate day, Instant now) {
        return jdbc.sql("insert into retention_run (day, started_at) values (:day, :now) on conflict (day) do nothing")
                .param("day", day)
                .param("now", utc(now))
                .update() == 1;
    }

    void finish(LocalDate day, Instant now) {
        jdbc.sql("update retention_run set finished_at = :now where day = :day")
                .param("day", day)
                .param("now", utc(now))
                .update();
    }
}
