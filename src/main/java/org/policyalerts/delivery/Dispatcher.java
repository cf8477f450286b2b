package org.policyalerts.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Drains the outbox: sender threads claim batches, compose each reader's digest, send it over their own
 * reused SMTP connection and record the outcome of every message as soon as the server answers.
 *
 * <p>A row is marked 'sending' right before its SMTP conversation and 'sent' right after, so after a crash at
 * most the one message per sender that was being handed over is in doubt: it is sent again, and logged as such.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Composer composer;
    private final MailWriter writer;
    private final JavaMailSenderImpl mailSender;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final Counter connections;
    private final Counter sent;
    private final Counter failed;
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
        this.connections = meters.counter("alerts.smtp.connections.opened");
        this.sent = meters.counter("alerts.delivery.sent");
        this.failed = meters.counter("alerts.delivery.failed");
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
                    if (!sendBatch(worker, smtp)) {
                        smtp.close();
                        awaitWork();
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

    /** Returns false when there was nothing to claim. */
    private boolean sendBatch(String worker, SmtpConnection smtp) {
        Instant now = clock.instant();
        List<Claim> claims = outbox.claim(worker, properties.batchSize(), now, now.plus(properties.lease()));
        if (claims.isEmpty()) {
            return false;
        }
        Map<Long, Mail> mails;
        try {
            mails = composer.compose(claims);
        } catch (RuntimeException e) {
            log.error("Could not compose {} digests; they are retried later", claims.size(), e);
            claims.forEach(c -> recordFailure(c, new SmtpFailure(false, null, "could not compose: " + e)));
            return true;
        }
        for (Claim claim : claims) {
            if (!running) {
                break;
            }
            Mail mail = mails.get(claim.deliveryId());
            if (mail == null) {
                outbox.cancel(claim.deliveryId(), "nothing to send: the reader is no longer active or the digest is empty");
            } else {
                send(worker, smtp, claim, mail);
            }
        }
        return true;
    }

    /** Only the SMTP conversation itself happens in the 'sending' state, so that is all a crash can leave in doubt. */
    private void send(String worker, SmtpConnection smtp, Claim claim, Mail mail) {
        try {
            rateLimiter.acquire();
            if (!outbox.markSending(claim.deliveryId(), worker, clock.instant().plus(properties.lease()))) {
                return;
            }
            String reply = smtp.send(writer.write(smtp.session(), mail));
            outbox.markSent(claim.deliveryId(), reply, clock.instant());
            sent.increment();
        } catch (MessagingException e) {
            recordFailure(claim, SmtpFailure.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordFailure(Claim claim, SmtpFailure failure) {
        int attempts = claim.attempts() + 1;
        boolean giveUp = failure.permanent() || attempts >= properties.maxAttempts();
        Optional<Instant> retryAt = giveUp ? Optional.empty()
                : Optional.of(clock.instant().plus(properties.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16))));
        outbox.markAttemptFailed(claim.deliveryId(), attempts, failure.reply(), failure.error(), retryAt);
        if (giveUp) {
            failed.increment();
            log.warn("Delivery {} failed after {} attempt(s): {}", claim.deliveryId(), attempts, failure.error());
        } else {
            log.info("Delivery {} attempt {} failed, retrying at {}: {}", claim.deliveryId(), attempts,
                    retryAt.get(), failure.error());
        }
    }

    private void awaitWork() {
        synchronized (signal) {
            if (!workPending && running) {
                try {
                    signal.wait(properties.poll().toMillis());
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
