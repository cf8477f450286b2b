package org.policyalerts.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Feed intake.
 *
 * @param pollInterval         how often each feed is polled
 * @param lease                how long one instance holds a feed's poll if it goes silent (crash); then another may
 * @param maxSize              a feed larger than this is refused (read through a bounded stream, never buffered whole)
 * @param connectTimeout       TCP/TLS connect timeout of one request
 * @param timeout              deadline of one whole fetch: redirects, headers and body together (a server sending
 *                             its body slowly is cut off then, as all feeds poll on one thread)
 * @param maxRedirects         redirects followed at most (each one checked like the first URL)
 * @param allowPrivateNetworks true lets feed URLs reach loopback, link-local and private addresses (a CMS on the same
 *                             network; dev mode and the tests)
 */
@Validated
@ConfigurationProperties("alerts.feeds")
record FeedProperties(
        @NotNull @DefaultValue("10m") Duration pollInterval,
        @NotNull @DefaultValue("5m") Duration lease,
        @NotNull @DefaultValue("10MB") DataSize maxSize,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration timeout,
        @Min(0) @Max(10) @DefaultValue("3") int maxRedirects,
        @DefaultValue("false") boolean allowPrivateNetworks) {
}
