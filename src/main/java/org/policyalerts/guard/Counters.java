package org.policyalerts.guard;

import static org.policyalerts.jdbc.Sql.utc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fixed-window counters in PostgreSQL, so that every instance counts against the same numbers. A window starts at
 * a multiple of its length since the epoch (a minute window at each minute, a day window at midnight UTC).
 */
@Repository
class Counters {

    /** How often an instance deletes ended windows; with several instances it happens more often, harmlessly. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    /** One post counted: the window's count including it, when the window ends, and a key prefix for the log. */
    record Hit(int count, Instant windowEnd, String keyPrefix) {
    }

    private final JdbcClient jdbc;
    /** Salts the key prefixes in the log, so that a prefix cannot confirm a guessed address. */
    private final byte[] logSalt = randomBytes(16);
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    Counters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one post for {@code subject} under {@code limit}; {@code subject} is hashed, never stored. */
    Hit count(Limit limit, String subject, Duration window, Instant now) {
        purgeIfDue(now);
        long length = window.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), length) * length);
        Instant end = start.plusSeconds(length);
        byte[] key = sha256(subject.getBytes(StandardCharsets.UTF_8));
        // One statement, atomic under concurrency: concurrent first posts of a window cannot both insert, and the
        // loser's update sees the winner's row, so every post gets a distinct count.
        int count = jdbc.sql("""
                        insert into guard_counter (limit_name, key, window_start, window_end, hits)
                        values (:limit, :key, :start, :end, 1)
                        on conflict (limit_name, key, window_start) do update set hits = guard_counter.hits + 1
                        returning hits
                        """)
                .param("limit", limit.code()).param("key", key).param("start", utc(start)).param("end", utc(end))
                .query(Integer.class).single();
        return new Hit(count, end, HexFormat.of().formatHex(sha256(logSalt, key), 0, 4));
    }

    /** Ended windows go on write, at most once a minute per instance: one indexed delete, no scheduler needed. */
    private void purgeIfDue(Instant now) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_EVERY))) {
            return;
        }
        jdbc.sql("delete from guard_counter where window_end <= :now").param("now", utc(now)).update();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
