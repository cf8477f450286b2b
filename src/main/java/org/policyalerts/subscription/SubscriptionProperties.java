package org.policyalerts.subscription;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-up rules.
 *
 * @param confirmationTtl        how long a confirmation link works
 * @param resendAfter            a second sign-up for the same address within this time updates the pending
 *                               choices instead of mailing another link
 * @param maxConfirmationsPerDay confirmation mails one address can receive in 24 hours, so the form cannot be
 *                               used to flood somebody's inbox
 */
@Validated
@ConfigurationProperties("alerts.subscription")
record SubscriptionProperties(
        @NotNull @DefaultValue("7d") Duration confirmationTtl,
        @NotNull @DefaultValue("1m") Duration resendAfter,
        @Min(1) @Max(100) @DefaultValue("5") int maxConfirmationsPerDay) {
}
