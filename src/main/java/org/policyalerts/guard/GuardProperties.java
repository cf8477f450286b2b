package org.policyalerts.guard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the public forms that make the service send mail (sign-up, "manage my alerts"). Each limit counts
 * posts in fixed windows shared by all instances; a post over any of them gets a 429.
 *
 * @param forms             path patterns of the guarded forms (their POSTs only); a filled honeypot is answered
 *                          with a redirect to the pattern's path + {@code /check-inbox}, as a real post is
 * @param perIp             posts per client (an IPv4 address, or an IPv6 /64 network) per form and window
 * @param perIpWindow       the window of {@code perIp}
 * @param perMailbox        posts per mailbox per form and window; case, {@code +tag} and (Gmail) dots do not
 *                          make another mailbox
 * @param perMailboxWindow  the window of {@code perMailbox}
 * @param global            posts per window to all guarded forms together, from everyone: a circuit breaker
 *                          against a flood from many clients
 * @param globalWindow      the window of {@code global}
 */
@Validated
@ConfigurationProperties("alerts.guard")
record GuardProperties(
        @NotEmpty @DefaultValue({"/subscribe", "/manage"}) List<@NotNull @Pattern(regexp = "/\\S*") String> forms,
        @Min(1) @Max(100_000) @DefaultValue("10") int perIp,
        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 7) @DefaultValue("1m") Duration perIpWindow,
        @Min(1) @Max(100_000) @DefaultValue("3") int perMailbox,
        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 7) @DefaultValue("24h") Duration perMailboxWindow,
        @Min(1) @Max(1_000_000) @DefaultValue("100") int global,
        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 7) @DefaultValue("1m") Duration globalWindow) {
}
