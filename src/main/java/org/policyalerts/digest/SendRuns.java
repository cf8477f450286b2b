package org.policyalerts.digest;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.policyalerts.delivery.Dispatcher;
import org.policyalerts.delivery.MailQueue;
import org.policyalerts.subscription.Frequency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts send runs and plans them: for each page of active readers of the run's frequency, one transaction
 * queues their digests and moves the run's checkpoint, so a crash resumes at the page it was on.
 * A brief already queued for a reader is never queued again (delivery_brief's key), so nothing a failed
 * or interrupted run missed is lost: the next run picks it up.
 */
@Service
class SendRuns {

    private static final Logger log = LoggerFactory.getLogger(SendRuns.class);

    private final DigestRepository repository;
    private final DigestProperties properties;
    private final DigestSchedule schedule;
    private final TransactionTemplate tx;
    private final Dispatcher dispatcher;
    private final MailQueue mailQueue;
    private final Clock clock;
    private final RunMetrics metrics;

    SendRuns(DigestRepository repository, DigestProperties properties, TransactionTemplate tx, Dispatcher dispatcher,
            MailQueue mailQueue, Clock clock, RunMetrics metrics) {
        this.repository = repository;
        this.properties = properties;
        this.schedule = new DigestSchedule(properties);
        this.tx = tx;
        this.dispatcher = dispatcher;
        this.mailQueue = mailQueue;
        this.clock = clock;
        this.metrics = metrics;
    }

    Optional<SendRun> find(long id) {
        return repository.find(id);
    }

    /** Queues again the run's digests that ran out of attempts on temporary errors; empty if there is no such run. */
    Optional<SendRun> retryFailed(long id) {
        return repository.find(id).flatMap(run -> {
            int queued = mailQueue.retryFailed(id);
            log.info("Run {}: {} digest(s) that failed for a temporary reason are queued again", id, queued);
            return repository.find(id);
        });
    }

    List<SendRun> page(int page, int size) {
        return repository.findPage(size, (long) page * size);
    }

    long count() {
        return repository.count();
    }

    List<DigestRepository.Recipient> recipients(long runId, int page, int size) {
        return repository.recipients(runId, size, (long) page * size);
    }

    /**
     * Stops the run: no further page is planned and its digests still in the queue are cancelled, with their
     * ledger rows, so the readers' next run carries those briefs. Digests a sender has claimed finish. False if
     * the run was cancelled already or its planning failed.
     */
    boolean cancel(long id) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!repository.markCancelled(id, clock.instant())) {
                return false;
            }
            List<Long> cancelled = mailQueue.cancelQueuedOfRun(id, "the run was cancelled by staff");
            if (!cancelled.isEmpty()) {
                repository.forgetLedger(cancelled);
            }
            log.info("Run {} cancelled: {} queued digest(s) cancelled", id, cancelled.size());
            return true;
        }));
    }

    /** A staff request. With an idempotency key, a repeat returns the run the first request started. */
    SendRun request(Frequency frequency, RunTrigger trigger, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<SendRun> earlier = repository.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                return sameRequest(earlier.get(), frequency);
            }
        }
        return repository.insertRequested(frequency, trigger, idempotencyKey, clock.instant())
                .flatMap(repository::find)
                .or(() -> repository.findByIdempotencyKey(idempotencyKey).map(run -> sameRequest(run, frequency)))
                .orElseThrow();
    }

    private static SendRun sameRequest(SendRun earlier, Frequency frequency) {
        if (earlier.frequency() != frequency) {
            throw new IdempotencyKeyReused(earlier);
        }
        return earlier;
    }

    /**
     * Starts the run of each urgent brief whose time has come, once per brief. Like an immediate or API-requested
     * run, it has no zone: it covers the readers of every zone (and of every frequency).
     */
    void startUrgent(Instant now) {
        repository.insertUrgentRuns(now, now.minus(properties.maxBriefAge()));
    }

    /**
     * Starts the runs whose slot has come; immediate ones only when something became sendable. Daily and weekly
     * runs are one per time zone that has readers of that frequency, each at its own local time.
     */
    void startDue(Instant now) {
        if (repository.sendableSinceLastImmediateRun(now, now.minus(properties.maxBriefAge()))) {
            schedule.dueSlot(Frequency.IMMEDIATE, now)
                    .ifPresent(slot -> repository.insertScheduled(Frequency.IMMEDIATE, null, slot, now));
        }
        for (Frequency frequency : List.of(Frequency.DAILY, Frequency.WEEKLY)) {
            for (String zone : repository.zonesWithReaders(frequency, properties.zone().getId())) {
                zoneId(zone).flatMap(z -> schedule.dueSlot(frequency, now, z))
                        .ifPresent(slot -> repository.insertScheduled(frequency, zone, slot, now));
            }
        }
    }

    /** Zones are validated on the way in; one the JDK no longer knows must not stop the other zones' runs. */
    private static Optional<ZoneId> zoneId(String zone) {
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            log.error("Readers in unknown time zone {} get no scheduled digest until they pick another", zone);
            return Optional.empty();
        }
    }

    /** Plans every run that is not planned yet, oldest first, waking the senders after each page. */
    void planPending() {
        for (DigestRepository.PendingRun run : repository.runsToPlan()) {
            try {
                long started = System.nanoTime();
                int pages = 0;
                while (Boolean.TRUE.equals(tx.execute(status -> planPage(run)))) {
                    pages++;
                    dispatcher.wake();
                }
                log.info("Planned {} run {} in {} page(s)", kind(run), run.id(), pages);
                if (pages > 0) { // no page: another instance holds the run, and counts it
                    metrics.planned(kind(run), Duration.ofNanos(System.nanoTime() - started),
                            repository.find(run.id()).map(SendRun::matched).orElse(0));
                }
            } catch (RuntimeException e) {
                log.error("Planning {} run {} failed; what it queued is still sent, the next run covers the rest",
                        kind(run), run.id(), e);
                repository.markFailed(run.id(), String.valueOf(e.getMessage()));
            }
        }
    }

    private static String kind(DigestRepository.PendingRun run) {
        return run.frequency() == null ? "urgent" : run.frequency().code();
    }

    /** Returns true when a page was queued and more may follow. */
    private boolean planPage(DigestRepository.PendingRun run) {
        Optional<Long> checkpoint = repository.lockForPlanning(run.id());
        if (checkpoint.isEmpty()) {
            return false;
        }
        long after = checkpoint.get();
        DigestRepository.Audience audience = run.audience(properties.zone().getId());
        Long upto = repository.pageEnd(audience, after, properties.pageSize());
        Instant now = clock.instant();
        if (upto == null) {
            repository.markPlanned(run.id(), now);
            return false;
        }
        repository.queueDigests(run, audience, after, upto, run.cutoff().minus(properties.maxBriefAge()), now);
        repository.advance(run.id(), upto);
        return true;
    }
}
