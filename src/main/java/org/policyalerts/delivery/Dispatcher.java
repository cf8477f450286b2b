package org.policyalerts.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox: sender threads claim batches (transactional mail first), compose each reader's digest and
 * send the mails over their own reused SMTP connection, a window at a time.
 *
 * <p>A window of up to {@code alerts.delivery.in-flight-window} rows is marked 'sending' in one statement right
 * before its SMTP conversations, and their outcomes are recorded in one statement right after: two commits per
 * window instead of two per message. After a crash at most one window per sender is in doubt: those rows are
 * sent again when their lease ends, and each is logged as such.
 *
 * <p>Only an answer about the message counts as an attempt (4xx: retried with a jittered doubling backoff until
 * the give-up age; 5xx: rejected for good). A server that cannot be reached or refuses the session opens the {@link SmtpBreaker}: claims go back
 * to the queue untouched and the senders wait for a probe to get through. The log names deliveries and
 * subscribers by id and never carries a reader's address.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long RECORD_RETRY_FIRST_MILLIS = 100;
    private static final long RECORD_RETRY_MAX_MILLIS = 5_000;

    private final Outbox outbox;
    private final Composer composer;
    private final MailWriter writer;
    private final JavaMailSenderImpl mailSender;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final SendRate sendRate;
    private final SmtpBreaker breaker;
    private final RetryBackoff backoff;
    private final Counter connections;
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Object signal = new Object();
    private boolean workPending;
    private volatile boolean running;
    private volatile long lastRecovery;
    private ExecutorService senders;

    Dispatcher(Outbox outbox, Composer composer, MailWriter writer, JavaMailSenderImpl mailSender,
            DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.composer = composer;
        this.writer = writer;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
        this.sendRate = new SendRate(outbox, properties.maxPerSecond());
        this.breaker = new SmtpBreaker(properties.outageProbe());
        this.backoff = new RetryBackoff(properties.retryBackoff());
        this.connections = meters.counter("alerts.smtp.connections.opened");
        this.sent = meters.counter("alerts.delivery.sent");
        this.failed = meters.counter("alerts.delivery.failed");
        this.retried = meters.counter("alerts.delivery.retried");
    }

    /** New deliveries are queued: idle senders look now instead of at their next poll. */
    public void wake() {
        synchronized (signal) {
            workPending = true;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        recoverExpiredLeases();
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.senders(),
                r -> new Thread(r, "sender-" + n.incrementAndGet()));
        for (int i = 1; i <= properties.senders(); i++) {
            String worker = instance + "#" + i;
            senders.execute(() -> work(worker));
        }
    }

    /** Lets every sender finish the message on the wire, then hands unstarted claims back to the queue. */
    @Override
    public void stop() {
        running = false;
        wake();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Senders did not stop within 30s; their claims return to the queue when the lease ends");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work(String worker) {
        try (SmtpConnection smtp = new SmtpConnection(mailSender, properties.messagesPerConnection(), connections)) {
            while (running) {
                try {
                    recoverExpiredLeasesEveryPoll();
                    if (breaker.isOpen()) {
                        probe(smtp);
                    } else if (!sendBatch(worker, smtp)) {
                        smtp.close();
                        awaitWork(properties.poll().toMillis());
                    }
                } catch (RuntimeException e) {
                    log.error("Sender {} hit an error; it carries on after a pause", worker, e);
                    releaseQuietly(worker);
                    pause();
                }
            }
        } finally {
            // a stop can leave the rest of a batch claimed: straight back to the queue
            releaseQuietly(worker);
        }
    }

    private void releaseQuietly(String worker) {
        try {
            outbox.release(worker);
        } catch (RuntimeException e) {
            log.warn("Sender {} could not hand back its claims; they return to the queue when the lease ends", worker, e);
        }
    }

    /** While the breaker is open, one sender per probe interval tries to connect; the others wait for it. */
    private void probe(SmtpConnection smtp) {
        if (!breaker.takeProbe()) {
            awaitWork(breaker.millisToProbe());
            return;
        }
        try {
            smtp.check();
            if (breaker.close()) {
                log.info("The SMTP server answers again; sending resumes");
                wake();
            }
        } catch (MessagingException e) {
            smtp.close();
            breaker.trip();
            log.debug("The SMTP server is still unavailable: {}", Redact.addresses(SmtpFailure.of(e).error()));
        }
    }

    /** Returns false when there was nothing to claim. */
    private boolean sendBatch(String worker, SmtpConnection smtp) {
        Instant now = clock.instant();
        List<Outbox.Claimed> claimed = outbox.claim(worker, properties.batchSize(), now, now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        Map<Long, Mail> mails = new HashMap<>();
        List<Claim> toSend = new ArrayList<>();
        for (Claim claim : render(worker, claimed, mails)) {
            if (mails.containsKey(claim.deliveryId())) {
                toSend.add(claim);
            } else if (!outbox.cancel(claim.deliveryId(), worker, "nothing to send: the reader is no longer active or the digest is empty")) {
                refused(claim, "that it had nothing to send");
            }
        }
        Instant renewAt = now.plus(properties.lease().dividedBy(2));
        int from = 0;
        while (from < toSend.size()) {
            if (!running || breaker.isOpen()) {
                // stopping, or the server became unavailable: the rest goes back to the queue untouched
                outbox.release(worker);
                break;
            }
            // the shared rate limit decides the window: as many as may go now, up to a full one
            int size;
            try {
                size = sendRate.take(Math.min(properties.inFlightWindow(), toSend.size() - from));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                outbox.release(worker);
                break;
            }
            renewAt = renewIfHalfGone(worker, renewAt);
            sendWindow(worker, smtp, write(worker, smtp, toSend.subList(from, from + size), mails));
            from += size;
        }
        return true;
    }

    private record Pending(Claim claim, MimeMessage message) {
    }

    /** A message that cannot even be written (a bad address) is rejected for good and left out of the window. */
    private List<Pending> write(String worker, SmtpConnection smtp, List<Claim> claims, Map<Long, Mail> mails) {
        List<Pending> ready = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            try {
                ready.add(new Pending(claim, writer.write(smtp.session(), mails.get(claim.deliveryId()), claim.deliveryId())));
            } catch (MessagingException e) {
                recordFailure(worker, claim, new SmtpFailure(SmtpFailure.Outcome.PERMANENT, null,
                        "could not write the message: " + e.getMessage()));
            }
        }
        return ready;
    }

    /**
     * Transactional mails were rendered when queued; digests are composed now. Returns the claims left to handle:
     * when composing fails, the digests count an attempt and are retried later.
     */
    private List<Claim> render(String worker, List<Outbox.Claimed> claimed, Map<Long, Mail> mails) {
        List<Claim> transactional = claimed.stream().filter(c -> c.kind() == DeliveryKind.TRANSACTIONAL)
                .map(Outbox.Claimed::claim).toList();
        List<Claim> digests = claimed.stream().filter(c -> c.kind() == DeliveryKind.DIGEST)
                .map(Outbox.Claimed::claim).toList();
        mails.putAll(outbox.storedMails(transactional));
        if (digests.isEmpty()) {
            return transactional;
        }
        try {
            mails.putAll(composer.compose(digests));
            return claimed.stream().map(Outbox.Claimed::claim).toList();
        } catch (RuntimeException e) {
            log.error("Could not compose {} digests; they are retried later", digests.size(), e);
            SmtpFailure failure = new SmtpFailure(SmtpFailure.Outcome.TEMPORARY, null, "could not compose: " + e);
            digests.forEach(c -> recordFailure(worker, c, failure));
            return transactional;
        }
    }

    /** A batch slowed by the rate limit or a slow server keeps its unsent claims for another lease. */
    private Instant renewIfHalfGone(String worker, Instant renewAt) {
        Instant now = clock.instant();
        if (now.isBefore(renewAt)) {
            return renewAt;
        }
        outbox.renew(worker, now.plus(properties.lease()));
        return now.plus(properties.lease().dividedBy(2));
    }

    /**
     * One window: marked 'sending' in one statement, handed to the SMTP server message by message, and the outcomes
     * recorded in one statement. Only this happens in the 'sending' state, so that is all a crash can leave in doubt.
     */
    private void sendWindow(String worker, SmtpConnection smtp, List<Pending> window) {
        if (window.isEmpty()) {
            return;
        }
        Instant leaseEnds = clock.instant().plus(properties.lease());
        Set<Long> held = outbox.markSending(window.stream().map(p -> p.claim().deliveryId()).toList(), worker, leaseEnds);
        Map<Long, Claim> claims = new HashMap<>();
        List<Outbox.Outcome> outcomes = new ArrayList<>();
        for (Pending pending : window) {
            Claim claim = pending.claim();
            if (!held.contains(claim.deliveryId())) {
                refused(claim, "its hand-over to the SMTP server, so it does not send it");
                continue;
            }
            claims.put(claim.deliveryId(), claim);
            if (!running || breaker.isOpen()) {
                // stopping, or the server went away earlier in this window: never attempted, back as it was
                outcomes.add(new Outbox.Outcome(claim.deliveryId(), DeliveryStatus.QUEUED, null, null, null, true));
                continue;
            }
            try {
                String reply = smtp.send(pending.message());
                sent.increment();
                outcomes.add(new Outbox.Outcome(claim.deliveryId(), DeliveryStatus.SENT, reply, null, null, false));
            } catch (MessagingException e) {
                SmtpFailure failure = SmtpFailure.of(e);
                outcomes.add(failure.outage() ? outage(claim, failure) : attemptFailed(claim, failure));
            }
        }
        record(worker, claims, outcomes, leaseEnds);
    }

    private void record(String worker, Map<Long, Claim> claims, List<Outbox.Outcome> outcomes, Instant leaseEnds) {
        if (outcomes.isEmpty()) {
            return;
        }
        Set<Long> recorded = recordWithinLease(worker, outcomes, leaseEnds);
        for (Outbox.Outcome outcome : outcomes) {
            Claim claim = claims.get(outcome.deliveryId());
            if (recorded == null) {
                if (outcome.next() == DeliveryStatus.SENT) {
                    log.error("Delivery {} to subscriber {} was accepted by the SMTP server as {}, but could not be "
                                    + "recorded before its lease ended; it is sent again and may arrive twice",
                            claim.deliveryId(), claim.subscriberId(), Redact.addresses(outcome.reply()));
                }
            } else if (!recorded.contains(outcome.deliveryId())) {
                refused(claim, outcome.next() == DeliveryStatus.SENT ? "that it was sent" : "the outcome of its attempt");
            } else {
                logOutcome(claim, outcome);
            }
        }
    }

    /**
     * Messages the server took: recording that must not be given up lightly, since a row left 'sending' goes out
     * again when its lease ends. A database restart or a dropped connection is retried until then; null if it
     * never got through.
     */
    private Set<Long> recordWithinLease(String worker, List<Outbox.Outcome> outcomes, Instant leaseEnds) {
        long backoffMillis = RECORD_RETRY_FIRST_MILLIS;
        boolean retrying = false;
        while (true) {
            try {
                Set<Long> recorded = outbox.recordOutcomes(worker, outcomes, clock.instant());
                if (retrying) {
                    log.info("Deliveries {} are recorded after all", ids(outcomes));
                }
                return recorded;
            } catch (RuntimeException e) {
                if (!clock.instant().isBefore(leaseEnds)) {
                    return null;
                }
                if (!retrying) {
                    log.warn("Deliveries {} were answered by the SMTP server (the last as {}), could not record that "
                                    + "yet; retrying until their lease ends at {}: {}", ids(outcomes),
                            Redact.addresses(outcomes.get(outcomes.size() - 1).reply()), leaseEnds,
                            Redact.addresses(e.getMessage()));
                    retrying = true;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    log.error("Deliveries {} were answered by the SMTP server, but their sender was interrupted "
                            + "before it could record that; they are sent again when their lease ends", ids(outcomes));
                    return Set.of();
                }
                backoffMillis = Math.min(backoffMillis * 2, RECORD_RETRY_MAX_MILLIS);
            }
        }
    }

    private static List<Long> ids(List<Outbox.Outcome> outcomes) {
        return outcomes.stream().map(Outbox.Outcome::deliveryId).toList();
    }

    /**
     * Not an answer about this message: the server is unavailable. The delivery goes back as it was, but due again
     * only after a retry's wait: should this very message be what makes the server hang up, the others get their
     * turn first instead of this one being claimed and dropped in a loop.
     */
    private Outbox.Outcome outage(Claim claim, SmtpFailure failure) {
        if (breaker.trip()) {
            log.warn("The SMTP server is unavailable ({}); senders pause and try to connect every {}. Queued mail "
                    + "waits and loses no attempt", Redact.addresses(failure.error()), properties.outageProbe());
        }
        return new Outbox.Outcome(claim.deliveryId(), DeliveryStatus.QUEUED, null, null,
                clock.instant().plus(backoff.after(1)), true);
    }

    /**
     * An answer about the message: rejected for good (5xx), or retried later (4xx) with a jittered exponential
     * backoff, until out of attempts or until the retry would come after the give-up age: then failed.
     */
    private Outbox.Outcome attemptFailed(Claim claim, SmtpFailure failure) {
        int attempts = claim.attempts() + 1;
        Instant now = clock.instant();
        Instant retryAt = now.plus(backoff.after(attempts));
        DeliveryStatus next = failure.permanent() ? DeliveryStatus.REJECTED
                : attempts >= properties.maxAttempts()
                        || retryAt.isAfter(claim.queuedAt().plus(properties.giveUpAfter())) ? DeliveryStatus.FAILED
                : DeliveryStatus.QUEUED;
        Instant nextAttemptAt = next == DeliveryStatus.QUEUED ? retryAt : now;
        return new Outbox.Outcome(claim.deliveryId(), next, failure.reply(), failure.error(), nextAttemptAt, false);
    }

    /** A failure before the SMTP conversation (composing, writing): it counts as an attempt on the claimed row. */
    private void recordFailure(String worker, Claim claim, SmtpFailure failure) {
        Outbox.Outcome outcome = attemptFailed(claim, failure);
        if (outbox.markAttemptFailed(claim.deliveryId(), worker, DeliveryStatus.CLAIMED, claim.attempts() + 1,
                outcome.reply(), outcome.error(), outcome.next(), outcome.nextAttemptAt())) {
            logOutcome(claim, outcome);
        } else {
            refused(claim, "the outcome of its attempt");
        }
    }

    private void logOutcome(Claim claim, Outbox.Outcome outcome) {
        if (outcome.untouched()) {
            if (outcome.nextAttemptAt() != null) {
                log.info("Delivery {} went back to the queue untouched, due again at {}: the SMTP server became "
                        + "unavailable during its turn", claim.deliveryId(), outcome.nextAttemptAt());
            }
            return;
        }
        String what = Redact.addresses(outcome.reply() != null ? outcome.reply() : outcome.error());
        switch (outcome.next()) {
            case REJECTED -> {
                failed.increment();
                log.warn("Delivery {} to subscriber {} was refused for good: {}", claim.deliveryId(),
                        claim.subscriberId(), what);
            }
            case FAILED -> {
                failed.increment();
                log.warn("Delivery {} to subscriber {} failed after {} attempts with temporary errors; it can be "
                        + "queued again. Last: {}", claim.deliveryId(), claim.subscriberId(), claim.attempts() + 1, what);
            }
            case QUEUED -> {
                retried.increment();
                log.info("Delivery {} attempt {} failed with a temporary error, retrying at {}: {}",
                        claim.deliveryId(), claim.attempts() + 1, outcome.nextAttemptAt(), what);
            }
            default -> {
                // sent: counted when the server took it
            }
        }
    }

    /** The claim guard refused: this sender's lease ran out and another sender took the row over (or settled it). */
    private void refused(Claim claim, String what) {
        log.warn("Delivery {} is no longer this sender's (its lease ran out and another sender took it over); "
                + "not recording {}", claim.deliveryId(), what);
    }

    private void awaitWork(long millis) {
        synchronized (signal) {
            if (!workPending && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            workPending = false;
        }
    }

    /** Also while busy: a dead instance's claims must not wait until this one's queue runs dry. */
    private void recoverExpiredLeasesEveryPoll() {
        if (System.nanoTime() - lastRecovery > properties.poll().toNanos()) {
            recoverExpiredLeases();
        }
    }

    private void recoverExpiredLeases() {
        lastRecovery = System.nanoTime();
        for (Outbox.Recovered r : outbox.recoverExpired(clock.instant())) {
            if (r.wasSending()) {
                log.warn("Delivery {} to subscriber {} was being handed to the SMTP server when its sender stopped; "
                        + "it is sent again and may arrive twice", r.deliveryId(), r.subscriberId());
            } else {
                log.info("Delivery {} was claimed by a sender that stopped; it is back in the queue", r.deliveryId());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
