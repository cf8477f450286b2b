package org.policyalerts.delivery;

import jakarta.mail.MessagingException;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The {@code mail} entry of {@code /actuator/health}, in place of Boot's, which opens an SMTP session on every call
 * and reports DOWN: an SMTP outage then made the whole service answer 503, and a load balancer would have taken
 * sign-up and unsubscribe pages offline although mail waits in the outbox until the server is back.
 *
 * <p>It probes at most once per {@code alerts.health.mail-check-interval}. An unreachable server is
 * {@link #DEGRADED}: ordered between DOWN and UP (application.properties), so it shows as the overall status for
 * monitoring, while the HTTP answer stays 200 (Boot maps only DOWN and OUT_OF_SERVICE to 503).
 */
@Component("mailHealthIndicator")
class SmtpHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Working, but a part it depends on is not");

    private final JavaMailSenderImpl mailSender;
    private final long intervalNanos;
    private final Clock clock;
    private Health last;
    private long lastProbe;

    SmtpHealthIndicator(JavaMailSenderImpl mailSender, SmtpHealthProperties properties, Clock clock) {
        this.mailSender = mailSender;
        this.intervalNanos = properties.mailCheckInterval().toNanos();
        this.clock = clock;
    }

    /** Concurrent calls wait for the one probe in progress rather than start their own. */
    @Override
    public synchronized Health health() {
        long now = System.nanoTime();
        if (last == null || now - lastProbe >= intervalNanos) {
            last = probe();
            lastProbe = now;
        }
        return last;
    }

    private Health probe() {
        Health.Builder health;
        try {
            mailSender.testConnection();
            health = Health.up();
        } catch (MessagingException e) {
            health = Health.status(DEGRADED).withDetail("error", "SMTP server unreachable: " + e.getMessage())
                    .withDetail("mail", "queued in the outbox until the server is back");
        }
        return health.withDetail("server", mailSender.getHost() + ":" + mailSender.getPort())
                .withDetail("checkedAt", clock.instant().toString())
                .build();
    }
}
