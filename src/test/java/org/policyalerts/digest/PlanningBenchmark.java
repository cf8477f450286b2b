package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.BenchmarkReport;
import org.policyalerts.TestInfra;
import org.policyalerts.subscription.Frequency;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Planning a daily run for many readers. Matching: the shipped query (briefs expanded to (topic|ANY, region|ANY)
 * keys, equality join on the subscription index) against the direct one (each subscription row tested with
 * "topic is null or topic in the brief's topics", and the same for regions), both counting the same pairs on
 * the same data in the same run. Then the whole planner, queueing digests page by page (rolled back, so every
 * round plans the same readers). Run with ./mvnw -Pbenchmark verify (docs/benchmarks.md).
 */
class PlanningBenchmark {

    private static final int READERS = Integer.getInteger("bench.readers", 200_000);
    private static final int BRIEFS = 20;
    private static final int ROUNDS = 3;

    // The baseline: the rule of docs/matching.md written down directly, with OR over NULL meaning ANY.
    private static final String BASELINE = """
            with matched as (
                select distinct s.subscriber_id, b.id as brief_id
                from brief b
                join subscription s on s.subscriber_id > :after and s.subscriber_id <= :upto and s.created_at < b.created_at
                join subscriber r on r.id = s.subscriber_id and r.status = 'active' and r.frequency = :frequency
                where b.published_at <= :cutoff and b.published_at > :oldest
                  and (s.topic_id is null or s.topic_id in (select topic_id from brief_topic where brief_id = b.id))
                  and (s.region_id is null or s.region_id in (select region_id from brief_region where brief_id = b.id))
                  and not exists (select 1 from delivery_brief d where d.subscriber_id = s.subscriber_id and d.brief_id = b.id))
            select count(*) from matched
            """;

    @Test
    void shippedQueryAgainstTheDirectOne() {
        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort())) {
            JdbcClient jdbc = AppRunner.jdbc(app);
            DigestRepository repository = app.getBean(DigestRepository.class);
            TransactionTemplate tx = app.getBean(TransactionTemplate.class);
            seed(jdbc);
            int pageSize = 5000;
            Instant now = Instant.now();
            Instant oldest = now.minusSeconds(14 * 86400);
            long runId = jdbc.sql("insert into send_run (frequency, trigger, cutoff, created_at) values ('daily', 'api', now(), now()) returning id")
                    .query(Long.class).single();

            LongSupplier shipped = () -> pages(repository, pageSize, (after, upto) ->
                    count(jdbc, "with " + DigestRepository.matched(false) + " select count(*) from matched", after, upto, now, oldest));
            LongSupplier baseline = () -> pages(repository, pageSize, (after, upto) ->
                    count(jdbc, BASELINE, after, upto, now, oldest));
            LongSupplier planner = () -> pages(repository, pageSize, (after, upto) -> tx.execute(status -> {
                status.setRollbackOnly();
                return (long) repository.queueDigests(new DigestRepository.PendingRun(runId, Frequency.DAILY, null, null, now),
                        DAILY, after, upto, oldest, now);
            }));

            long pairs = shipped.getAsLong();
            String plan = explainFirstPage(jdbc, repository, pageSize, now, oldest);
            assertThat(baseline.getAsLong()).as("both queries find the same (reader, brief) pairs").isEqualTo(pairs);
            assertThat(planner.getAsLong()).as("the planner queues what the query finds").isEqualTo(pairs);
            long shippedMs = median(shipped);
            long baselineMs = median(baseline);
            long plannerMs = median(planner);

            int subscriptions = jdbc.sql("select count(*) from subscription").query(Integer.class).single();
            new BenchmarkReport("planning").row("readers (daily)", READERS).row("subscription rows", subscriptions)
                    .row("briefs in the window", BRIEFS).row("(reader, brief) pairs matched", pairs)
                    .row("matching, shipped key join, ms (median of " + ROUNDS + ")", shippedMs)
                    .row("matching, direct OR query, ms (median of " + ROUNDS + ")", baselineMs)
                    .row("matching speed-up, shipped over direct", String.format("%.1fx", (double) baselineMs / Math.max(1, shippedMs)))
                    .row("whole planner (match + queue digests), ms", plannerMs)
                    .row("readers planned per second", READERS * 1000L / Math.max(1, plannerMs))
                    .print();
            System.out.println("\nPlan of the shipped matching for the first page of " + pageSize + " readers:\n" + plan);
        }
    }

    /** EXPLAIN ANALYZE of the shipped matching for one page: the plan shape a change to the query must keep. */
    private static String explainFirstPage(JdbcClient jdbc, DigestRepository repository, int pageSize, Instant now,
            Instant oldest) {
        long upto = repository.pageEnd(DAILY, 0, pageSize);
        String sql = "explain (analyze, buffers, costs off) with " + DigestRepository.matched(false)
                + " select count(*) from matched";
        return String.join("\n", jdbc.sql(sql).param("after", 0L).param("upto", upto).param("frequency", "daily")
                .param("zone", null, java.sql.Types.VARCHAR).param("defaultZone", "UTC")
                .param("cutoff", now.atOffset(ZoneOffset.UTC)).param("oldest", oldest.atOffset(ZoneOffset.UTC))
                .query(String.class).list());
    }

    private static long count(JdbcClient jdbc, String sql, long after, long upto, Instant now, Instant oldest) {
        return jdbc.sql(sql).param("after", after).param("upto", upto).param("frequency", "daily")
                .param("zone", null, java.sql.Types.VARCHAR).param("defaultZone", "UTC")
                .param("cutoff", now.atOffset(ZoneOffset.UTC)).param("oldest", oldest.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
    }

    /** Every daily reader, whatever their zone: as an API-requested run plans them. */
    private static final DigestRepository.Audience DAILY = new DigestRepository.Audience(Frequency.DAILY, null, "UTC");

    interface Page {
        long plan(long after, long upto);
    }

    /** Walks the readers page by page with the planner's own keyset query; returns the pairs found. */
    private static long pages(DigestRepository repository, int pageSize, Page page) {
        long after = 0;
        long total = 0;
        for (Long upto = repository.pageEnd(DAILY, after, pageSize); upto != null;
                upto = repository.pageEnd(DAILY, after, pageSize)) {
            total += page.plan(after, upto);
            after = upto;
        }
        return total;
    }

    private static long median(LongSupplier run) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            run.getAsLong();
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(ROUNDS / 2);
    }

    /**
     * Readers with a realistic mix: a third follow one region, a quarter one topic, a fifth a topic in a
     * region ("all" mode, 2 x 2), a tenth everything, the rest two topics and a region ("any" mode).
     */
    private static void seed(JdbcClient jdbc) {
        jdbc.sql("""
                insert into subscriber (email, status, frequency, manage_token, created_at, confirmed_at)
                select 'reader' || g || '@example.org', 'active', 'daily', md5(g::text) || md5((g * 7)::text),
                       now() - interval '30 days', now() - interval '30 days'
                from generate_series(1, :n) g
                """).param("n", READERS).update();
        String rows = "insert into subscription (subscriber_id, topic_id, region_id, created_at) ";
        String since = "now() - interval '30 days'";
        String topic = "(select (random() * 8)::int + 1 as t from generate_series(1, :n) where s.id > 0)";
        String region = "(select (random() * 13)::int + 1 as r from generate_series(1, :n) where s.id > 0)";
        jdbc.sql(rows + "select s.id, null, r.r, " + since + " from subscriber s cross join lateral "
                + region + " r where s.id % 100 < 33").param("n", 1).update();
        jdbc.sql(rows + "select s.id, t.t, null, " + since + " from subscriber s cross join lateral "
                + topic + " t where s.id % 100 between 33 and 57").param("n", 1).update();
        jdbc.sql(rows + "select s.id, t.t, r.r, " + since + " from subscriber s cross join lateral " + topic
                + " t cross join lateral " + region + " r where s.id % 100 between 58 and 77 on conflict do nothing")
                .param("n", 2).update();
        jdbc.sql(rows + "select s.id, null, null, " + since + " from subscriber s where s.id % 100 between 78 and 87").update();
        jdbc.sql(rows + "select s.id, t.t, null, " + since + " from subscriber s cross join lateral " + topic
                + " t where s.id % 100 >= 88 on conflict do nothing").param("n", 2).update();
        jdbc.sql(rows + "select s.id, null, r.r, " + since + " from subscriber s cross join lateral " + region
                + " r where s.id % 100 >= 88").param("n", 1).update();
        jdbc.sql("""
                insert into brief (external_id, url, title, published_at, created_at, updated_at)
                select 'b' || g, 'https://example.org/b' || g, 'Brief ' || g, now() - (g || ' hours')::interval, now(), now()
                from generate_series(1, :n) g
                """).param("n", BRIEFS).update();
        jdbc.sql("insert into brief_topic select b.id, (random() * 8)::int + 1 from brief b on conflict do nothing").update();
        jdbc.sql("insert into brief_topic select b.id, (random() * 8)::int + 1 from brief b on conflict do nothing").update();
        jdbc.sql("insert into brief_region select b.id, (random() * 13)::int + 1 from brief b on conflict do nothing").update();
        jdbc.sql("analyze").update();
    }
}
