package org.policyalerts.delivery;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is drained.
 *
 * @param senders               sender threads per instance, each with its own SMTP connection
 * @param batchSize             deliveries a sender claims at a time
 * @param inFlightWindow        messages a sender marks 'sending' in one statement, sends, then records in one
 *                              statement; after a crash up to this many per sender are in doubt (sent again, logged)
 * @param maxAttempts           attempts (answers about the message, e.g. 4xx) before a delivery is marked failed;
 *                              an unavailable server costs none
 * @param retryBackoff          wait before the first retry; doubles with each attempt, with jitter (half of each
 *                              wait is random)
 * @param giveUpAfter           a delivery still failing with temporary errors this long after it was queued is
 *                              marked failed (whichever of this and max-attempts comes first)
 * @param lease                 how long a claim holds when its sender goes silent (crash): then another takes it
 * @param messagesPerConnection messages sent over one SMTP connection before it is renewed
 * @param maxPerSecond          cap on messages per second across all instances together, shared through the
 *                              database (0 = no cap)
 * @param poll                  how often idle senders look for work queued by other instances
 * @param outageProbe           while the SMTP server is unavailable, how often a sender tries to connect again
 */
@Validated
@ConfigurationProperties("alerts.delivery")
record DeliveryProperties(
        @Min(1) @Max(64) @DefaultValue("2") int senders,
        @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
        @Min(1) @Max(1000) @DefaultValue("50") int inFlightWindow,
        @Min(1) @Max(50) @DefaultValue("20") int maxAttempts,
        @NotNull @DefaultValue("1m") Duration retryBackoff,
        @NotNull @DefaultValue("2d") Duration giveUpAfter,
        @NotNull @DefaultValue("2m") Duration lease,
        @Min(1) @DefaultValue("100") int messagesPerConnection,
        @DecimalMin("0") @DefaultValue("0") double maxPerSecond,
        @NotNull @DefaultValue("5s") Duration poll,
        @NotNull @DefaultValue("10s") Duration outageProbe) {
}
