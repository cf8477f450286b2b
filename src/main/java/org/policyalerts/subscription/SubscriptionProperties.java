package org.policyalerts.subscription;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * @param manageLinksPerDay      "Manage my alerts" mails one reader can receive in 24 hours
 * @param consentVersion         the version of the consent wording the sign-up form shows
 *                               (templates/subscription/consent/{version}.html, which must exist: startup
 *                               fails otherwise); recorded with each opt-in
 * @param erasurePepper          secret mixed into the hash of an erased reader's address, so the suppression list
 *                               cannot be reversed by hashing guessed addresses; keep it stable (a new one makes
 *                               earlier erasures unrecognisable)
 */
@Validated
@ConfigurationProperties("alerts.subscription")
record SubscriptionProperties(
        @NotNull @DefaultValue("7d") Duration confirmationTtl,
        @NotNull @DefaultValue("1m") Duration resendAfter,
        @Min(1) @Max(100) @DefaultValue("5") int maxConfirmationsPerDay,
        @Min(1) @Max(100) @DefaultValue("3") int manageLinksPerDay,
        @NotNull @Pattern(regexp = "v[0-9]{1,3}") @DefaultValue("v1") String consentVersion,
        @NotNull @DefaultValue("") String erasurePepper) {

    @Override
    public String toString() {
        return "SubscriptionProperties[confirmationTtl=" + confirmationTtl + ", resendAfter=" + resendAfter
                + ", maxConfirmationsPerDay=" + maxConfirmationsPerDay + ", manageLinksPerDay=" + manageLinksPerDay
                + ", consentVersion=" + consentVersion + ", erasurePepper=(hidden)]";
    }
}
