package org.policyalerts.staff;

import static org.policyalerts.jdbc.Sql.instant;
import static org.policyalerts.jdbc.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL about staff users, failed sign-ins and API tokens. */
@Repository
class StaffRepository {

    private final JdbcClient jdbc;

    StaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- staff users

    boolean anyStaff() {
        return jdbc.sql("select exists (select 1 from staff_user)").query(Boolean.class).single();
    }

    /** Empty when the address is taken (the unique index on lower(email) decides, also between instances). */
    Optional<Long> insert(String email, String displayName, StaffRole role, String passwordHash, Instant now) {
        return jdbc.sql("""
                insert into staff_user (email, display_name, role, password_hash, created_at)
                values (:email, :name, :role, :hash, :now)
                on conflict do nothing returning id""")
                .param("email", email).param("name", displayName).param("role", role.code())
                .param("hash", passwordHash).param("now", utc(now))
                .query(Long.class).optional();
    }

    /** The first admin: inserted only while the table is empty, so two instances starting together make one. */
    boolean insertFirstAdmin(String email, String passwordHash, Instant now) {
        return jdbc.sql("""
                insert into staff_user (email, display_name, role, password_hash, created_at)
                select :email, 'Administrator', 'admin', :hash, :now
                where not exists (select 1 from staff_user)
                on conflict do nothing""")
                .param("email", email).param("hash", passwordHash).param("now", utc(now)).update() == 1;
    }

    Optional<StaffUser> findByEmail(String email) {
        return jdbc.sql("select * from staff_user where lower(email) = lower(:email)").param("email", email)
                .query(StaffRepository::user).optional();
    }

    Optional<StaffUser> find(long id) {
        return jdbc.sql("select * from staff_user where id = :id").param("id", id).query(StaffRepository::user).optional();
    }

    List<StaffUser> all() {
        return jdbc.sql("select * from staff_user order by lower(display_name), id").query(StaffRepository::user).list();
    }

    /** Locks the enabled admins' rows, so that two admins demoting each other at once cannot leave none. */
    int lockEnabledAdmins() {
        return jdbc.sql("select id from staff_user where role = 'admin' and enabled for update")
                .query(Long.class).list().size();
    }

    void updateRole(long id, StaffRole role) {
        jdbc.sql("update staff_user set role = :role where id = :id").param("id", id).param("role", role.code()).update();
    }

    void updateEnabled(long id, boolean enabled) {
        jdbc.sql("update staff_user set enabled = :enabled where id = :id").param("id", id)
                .param("enabled", enabled).update();
    }

    void recordLogin(String email, Instant now) {
        jdbc.sql("update staff_user set last_login_at = :now where lower(email) = lower(:email)")
                .param("email", email).param("now", utc(now)).update();
    }

    // --- failed sign-ins

    /**
     * An attempt is stored as a failure before its password is checked, in its own statement (committed at once), so
     * that parallel guesses each count the others; a success clears it with the account's other failures.
     */
    long recordAttempt(String account, String remoteAddress, Instant now) {
        return jdbc.sql("""
                insert into login_failure (account, remote_address, failed_at) values (:account, :remote, :now)
                returning id""")
                .param("account", account).param("remote", remoteAddress).param("now", utc(now))
                .query(Long.class).single();
    }

    /** A refused attempt does not count: a lock lifts once the failures that caused it are old enough. */
    void forgetAttempt(long id) {
        jdbc.sql("delete from login_failure where id = :id").param("id", id).update();
    }

    /** Failures within the window for the account and for the address, each on its own index. */
    Failures failuresSince(String account, String remoteAddress, Instant since) {
        return jdbc.sql("""
                select (select count(*) from login_failure where account = :account and failed_at > :since) as account,
                       (select count(*) from login_failure where remote_address = :remote and failed_at > :since) as address
                """)
                .param("account", account).param("remote", remoteAddress).param("since", utc(since))
                .query((rs, row) -> new Failures(rs.getInt("account"), rs.getInt("address"))).single();
    }

    record Failures(int account, int address) {
    }

    /** A successful sign-in clears the account's count (not the address's: one good password must not unlock it). */
    void clearFailures(String account) {
        jdbc.sql("delete from login_failure where account = :account").param("account", account).update();
    }

    void forgetFailuresBefore(Instant before) {
        jdbc.sql("delete from login_failure where failed_at < :before").param("before", utc(before)).update();
    }

    // --- API tokens

    long insertToken(String name, byte[] hash, String createdBy, Instant now) {
        return jdbc.sql("""
                insert into api_token (name, token_hash, created_by, created_at)
                values (:name, :hash, :by, :now) returning id""")
                .param("name", name).param("hash", hash).param("by", createdBy).param("now", utc(now))
                .query(Long.class).single();
    }

    boolean liveTokenNamed(String name) {
        return jdbc.sql("select exists (select 1 from api_token where lower(name) = lower(:name) and revoked_at is null)")
                .param("name", name).query(Boolean.class).single();
    }

    List<ApiTokenView> tokens() {
        return jdbc.sql("select * from api_token order by revoked_at is not null, created_at desc")
                .query((rs, row) -> new ApiTokenView(rs.getLong("id"), rs.getString("name"), rs.getString("created_by"),
                        instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at")))
                .list();
    }

    /**
     * The name of the live token with this hash, if any, noting its use, in one statement (one round trip per API
     * call). At most one write a minute per token: last use is for humans, and a busy client must not write per call.
     */
    Optional<String> useLiveToken(byte[] hash, Instant now) {
        return jdbc.sql("""
                with live as (select id, name from api_token where token_hash = :hash and revoked_at is null),
                     touched as (update api_token set last_used_at = :now
                                 where id = (select id from live)
                                   and (last_used_at is null or last_used_at < :now - interval '1 minute'))
                select name from live""")
                .param("hash", hash).param("now", utc(now)).query(String.class).optional();
    }

    /** The revoked token's name; empty if there was no live token with that id. */
    Optional<String> revokeToken(long id, Instant now) {
        return jdbc.sql("update api_token set revoked_at = :now where id = :id and revoked_at is null returning name")
                .param("id", id).param("now", utc(now)).query(String.class).optional();
    }

    private static StaffUser user(ResultSet rs, int row) throws SQLException {
        return new StaffUser(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                StaffRole.of(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("enabled"),
                instant(rs, "created_at"), instant(rs, "last_login_at"));
    }
}
