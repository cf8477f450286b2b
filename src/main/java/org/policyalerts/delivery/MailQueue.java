package org.policyalerts.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The way into the outbox for mail other features write: a transactional mail is queued in the caller's
 * transaction (it exists only if what it announces was committed), ahead of every digest, and the senders are
 * woken once that transaction commits. Nobody waits for SMTP.
 */
@Component
public class MailQueue {

    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    MailQueue(Outbox outbox, Dispatcher dispatcher, Clock clock, DeliveryMetrics metrics) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Queues {@code mail} for the reader; returns its delivery id. To a suppressed address it is recorded as
     * cancelled and never sent, at the same cost, so a caller cannot tell the difference by timing.
     */
    public long enqueue(long subscriberId, Mail mail) {
        long id = outbox.enqueue(subscriberId, mail, clock.instant());
        metrics.queued(1);
        wakeAfterCommit();
        return id;
    }

    /** Of these deliveries, those sent or still on their way: what a cap on mails sent should count. */
    public Set<Long> sentOrOnTheWay(Collection<Long> deliveryIds) {
        return deliveryIds.isEmpty() ? Set.of() : outbox.sentOrOnTheWay(deliveryIds);
    }

    /**
     * Cancels the reader's mail still waiting in the queue (digests and transactional mail alike), e.g. when staff
     * suppress the address; a mail already claimed by a sender is on its way. Returns how many were cancelled.
     */
    public int cancelQueued(long subscriberId, String reason) {
        return outbox.cancelQueued(subscriberId, reason);
    }

    /**
     * Queues again the run's deliveries that failed for a temporary reason, with a fresh budget of attempts.
     * Those refused for good (5xx) stay as they are. Returns how many were queued.
     */
    public int retryFailed(long runId) {
        int queued = outbox.requeueFailed(runId, clock.instant());
        wakeAfterCommit();
        return queued;
    }

    /** Queues a mail to a member of staff (a test mail): to no reader, so it is never suppressed or attributed. */
    public long enqueueToStaff(Mail mail) {
        long id = outbox.enqueueToStaff(mail, clock.instant());
        metrics.queued(1);
        wakeAfterCommit();
        return id;
    }

    /**
     * Cancels the run's deliveries still waiting in the queue (those a sender claimed finish); returns their ids.
     * Call it in the transaction that stops the run.
     */
    public List<Long> cancelQueuedOfRun(long runId, String reason) {
        return outbox.cancelQueuedOfRun(runId, reason);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        } else {
            dispatcher.wake();
        }
    }
}
