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
        bind(a, jdbc.sql("""
                insert into audit_log (at, actor, action, target, detail, remote_address)
                values (:at, :actor, :action, :target, :detail, :remote)""")).update();
    }

    /**
     * Stores a refused sign-in unless the actor's latest sign-in entry already is one. A lock lasts until failures
     * age out and a new lock needs new failures, which are logged in between, so this logs the first refusal of each
     * lock rather than every guess made against it. The latest entry is found on the (lower(actor), at) index. Two
     * refusals at the same instant may both be stored; that is harmless.
     */
    void insertUnlessRepeated(StaffAction a) {
        bind(a, jdbc.sql("""
                insert into audit_log (at, actor, action, target, detail, remote_address)
                select :at, :actor, :action, :target, :detail, :remote
                where (select latest.action from audit_log latest
                       where lower(latest.actor) = lower(:actor) and latest.action like 'login.%'
                       order by lower(latest.actor), latest.at desc, latest.id desc limit 1)
                      is distinct from :action"""))
                .update();
    }

    private static JdbcClient.StatementSpec bind(StaffAction a, JdbcClient.StatementSpec statement) {
        return statement.param("at", utc(a.at())).param("actor", cap(a.actor())).param("action", cap(a.action()))
                .param("target", cap(a.target())).param("detail", cap(a.detail()))
                .param("remote", cap(a.remoteAddress()));
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

    /**
     * The distinct actions, for the filter. A plain {@code select distinct} reads the whole log, which only grows;
     * this recursive query is a loose index scan: each step asks the (action, at) index for the first action after
     * the previous one, so it costs one index probe per distinct action (a few dozen), however long the log.
     */
    List<String> actions() {
        return jdbc.sql("""
                with recursive actions (action) as (
                    (select action from audit_log order by action limit 1)
                    union all
                    select (select later.action from audit_log later where later.action > actions.action
                            order by later.action limit 1)
                    from actions where actions.action is not null)
                select action from actions where action is not null order by action""").query(String.class).list();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
