package org.policyalerts.audit;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.utc;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about the audit log. */
@Repository
class AuditRepository {

    /** Free text from events is capped so that one bad caller cannot bloat the log. */
    private static final int MAX_TEXT = 1000;

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StaffAction a) {
        jdbc.sql("""
                insert into audit_log (at, actor, action, target, detail, remote_address)
                values (:at, :actor, :action, :target, :detail, :remote)""")
                .param("at", utc(a.at())).param("actor", cap(a.actor())).param("action", cap(a.action()))
                .param("target", cap(a.target())).param("detail", cap(a.detail())).param("remote", cap(a.remoteAddress()))
                .update();
    }

    /**
     * Newest first, one page plus one row (to know whether there is a next page). Empty filters match everything;
     * the actor filter is a case-insensitive prefix so that typing the start of an address is enough.
     */
    List<StaffAction> page(String actor, String action, int offset, int limit) {
        return jdbc.sql("""
                select * from audit_log
                where (:actor = '' or lower(actor) like lower(:actor) || '%')
                  and (:action = '' or action = :action)
                order by at desc, id desc offset :offset limit :limit""")
                .param("actor", escapeLike(actor)).param("action", action)
                .param("offset", offset).param("limit", limit)
                .query((rs, row) -> new StaffAction(rs.getString("actor"), rs.getString("action"),
                        rs.getString("target"), rs.getString("detail"), rs.getString("remote_address"), instant(rs, "at")))
                .list();
    }

    List<String> actions() {
        return jdbc.sql("select distinct action from audit_log order by action").query(String.class).list();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
