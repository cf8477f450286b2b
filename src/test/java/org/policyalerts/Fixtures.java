package org.policyalerts;

import java.time.Instant;
import java.util.UUID;
import org.policyalerts.jdbc.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Readers and subscriptions written straight to the store, for tests about what happens after sign-up. */
public final class Fixtures {

    private final JdbcClient jdbc;

    public Fixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An active reader with one subscription per "topic/region" given, "*" standing for ANY (so a star, a slash
     * and "iran" is everything on Iran), made at {@code since}.
     */
    public long reader(String email, String frequency, Instant since, String... follows) {
        long id = jdbc.sql("""
                        insert into subscriber (email, status, frequency, manage_token, created_at, confirmed_at)
                        values (:email, 'active', :frequency, :token, :since, :since) returning id
                        """)
                .param("email", email)
                .param("frequency", frequency)
                .param("token", (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 43))
                .param("since", Sql.utc(since))
                .query(Long.class)
                .single();
        for (String follow : follows) {
            String[] parts = follow.split("/");
            jdbc.sql("""
                            insert into subscription (subscriber_id, topic_id, region_id, created_at)
                            values (:id, (select id from topic where slug = :topic), (select id from region where slug = :region), :since)
                            """)
                    .param("id", id)
                    .param("topic", parts[0])
                    .param("region", parts[1])
                    .param("since", Sql.utc(since))
                    .update();
        }
        return id;
    }
}
