package org.policyalerts.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Drains the outbox: sender threads claim batches (transactional mail first), compose each reader's digest, send
 * each mail over their own reused SMTP connection and record the outcome of every message as soon as the server
 * answers.
 *
 * <p>A row is marked 'sending' right before its SMTP conversation and 'sent' right after, so after a crash at
 * most the one message per sender that was being handed over is in doubt: it is sent again, and logged as such.
 *
 * <p>Only an answer about the message counts as an attempt (4xx: retried with a doubling backoff; 5xx: rejected
 * for good). A server that cannot be reached or refuses the session opens the {@link SmtpBreaker}: claims go back
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
    private final RateLimiter rateLimiter;
    private final SmtpBreaker breaker;
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
        this.rateLimiter = new RateLimiter(properties.maxPerSecond());
        this.breaker = new SmtpBreaker(properties.outageProbe());
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
        List<Claim> toSend = render(worker, claimed, mails);
        Instant renewAt = now.plus(properties.lease().dividedBy(2));
        for (Claim claim : toSend) {
            if (!running || breaker.isOpen()) {
                // stopping, or the server became unavailable: the rest goes back to the queue untouched
                outbox.release(worker);
                break;
            }
            renewAt = renewIfHalfGone(worker, renewAt);
            Mail mail = mails.get(claim.deliveryId());
            if (mail == null) {
                if (!outbox.cancel(claim.deliveryId(), worker, "nothing to send: the reader is no longer active or the digest is empty")) {
                    refused(claim, "that it had nothing to send");
                }
            } else {
                send(worker, smtp, claim, mail);
            }
        }
        return true;
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
            digests.forEach(c -> recordFailure(worker, c, DeliveryStatus.CLAIMED, failure));
            return transactional;
        }
    }

    /** A batch slowed by the rate cap or a slow server keeps its unsent claims for another lease. */
    private Instant renewIfHalfGone(String worker, Instant renewAt) {
        Instant now = clock.instant();
        if (now.isBefore(renewAt)) {
            return renewAt;
        }
        outbox.renew(worker, now.plus(properties.lease()));
        return now.plus(properties.lease().dividedBy(2));
    }

    /** Only the SMTP conversation itself happens in the 'sending' state, so that is all a crash can leave in doubt. */
    private void send(String worker, SmtpConnection smtp, Claim claim, Mail mail) {
        MimeMessage message;
        try {
            message = writer.write(smtp.session(), mail, claim.deliveryId());
        } catch (MessagingException e) {
            recordFailure(worker, claim, DeliveryStatus.CLAIMED,
                    new SmtpFailure(SmtpFailure.Outcome.PERMANENT, null, "could not write the message: " + e.getMessage()));
            return;
        }
        try {
            rateLimiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant leaseEnds = clock.instant().plus(properties.lease());
        if (!outbox.markSending(claim.deliveryId(), worker, leaseEnds)) {
            refused(claim, "its hand-over to the SMTP server, so it does not send it");
            return;
        }
        String reply;
        try {
            reply = smtp.send(message);
        } catch (MessagingException e) {
            SmtpFailure failure = SmtpFailure.of(e);
            if (failure.outage()) {
                outage(worker, claim, failure);
            } else {
                recordFailure(worker, claim, DeliveryStatus.SENDING, failure);
            }
            return;
        }
        sent.increment();
        recordSent(worker, claim, reply, leaseEnds);
    }

    /**
     * The server took the message: recording that must not be given up lightly, since a row left 'sending' goes
     * out again when its lease ends. A database restart or a dropped connection is retried until then.
     */
    private void recordSent(String worker, Claim claim, String reply, Instant leaseEnds) {
        long backoffMillis = RECORD_RETRY_FIRST_MILLIS;
        boolean retrying = false;
        while (true) {
            try {
                if (!outbox.markSent(claim.deliveryId(), worker, reply, clock.instant())) {
                    refused(claim, "that it was sent");
                } else if (retrying) {
                    log.info("Delivery {} is recorded as sent after all", claim.deliveryId());
                }
                return;
            } catch (RuntimeException e) {
                if (!clock.instant().isBefore(leaseEnds)) {
                    log.error("Delivery {} to subscriber {} was accepted by the SMTP server as {}, but could not be "
                                    + "recorded before its lease ended; it is sent again and may arrive twice",
                            claim.deliveryId(), claim.subscriberId(), Redact.addresses(reply));
                    return;
                }
                if (!retrying) {
                    log.warn("Delivery {} was accepted by the SMTP server as {}, could not record it yet; retrying "
                                    + "until its lease ends at {}: {}", claim.deliveryId(), Redact.addresses(reply),
                            leaseEnds, Redact.addresses(e.getMessage()));
                    retrying = true;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    log.error("Delivery {} was accepted by the SMTP server, but its sender was interrupted before it "
                            + "could record it; it is sent again when its lease ends", claim.deliveryId());
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, RECORD_RETRY_MAX_MILLIS);
            }
        }
    }

    /** Not an answer about this message: the server is unavailable. The delivery goes back as it was. */
    private void outage(String worker, Claim claim, SmtpFailure failure) {
        if (breaker.trip()) {
            log.warn("The SMTP server is unavailable ({}); senders pause and try to connect every {}. Queued mail "
                    + "waits and loses no attempt", Redact.addresses(failure.error()), properties.outageProbe());
        }
        if (outbox.releaseUntouched(claim.deliveryId(), worker)) {
            log.info("Delivery {} went back to the queue untouched: the SMTP server became unavailable during its turn",
                    claim.deliveryId());
        } else {
            refused(claim, "its return to the queue");
        }
    }

    private void recordFailure(String worker, Claim claim, DeliveryStatus expected, SmtpFailure failure) {
        int attempts = claim.attempts() + 1;
        Instant now = clock.instant();
        DeliveryStatus next = failure.permanent() ? DeliveryStatus.REJECTED
                : attempts >= properties.maxAttempts() ? DeliveryStatus.FAILED
                : DeliveryStatus.QUEUED;
        Instant nextAttemptAt = next != DeliveryStatus.QUEUED ? now
                : now.plus(properties.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16)));
        if (!outbox.markAttemptFailed(claim.deliveryId(), worker, expected, attempts, failure.reply(), failure.error(),
                next, nextAttemptAt)) {
            refused(claim, "the outcome of its attempt");
            return;
        }
        String what = Redact.addresses(failure.reply() != null ? failure.reply() : failure.error());
        switch (next) {
            case REJECTED -> {
                failed.increment();
                log.warn("Delivery {} to subscriber {} was refused for good: {}", claim.deliveryId(),
                        claim.subscriberId(), what);
            }
            case FAILED -> {
                failed.increment();
                log.warn("Delivery {} to subscriber {} failed after {} attempts with temporary errors; it can be "
                        + "queued again. Last: {}", claim.deliveryId(), claim.subscriberId(), attempts, what);
            }
            default -> {
                retried.increment();
                log.info("Delivery {} attempt {} failed with a temporary error, retrying at {}: {}",
                        claim.deliveryId(), attempts, nextAttemptAt, what);
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
