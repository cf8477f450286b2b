package org.policyalerts.taxonomy;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * The taxonomy's settings.
 *
 * @param seed            the topics and regions loaded into an empty database on first start (never again after)
 * @param refreshInterval how often each instance checks whether another one changed the taxonomy; a change made on
 *                        this instance applies here at once
 */
@Validated
@ConfigurationProperties("alerts.taxonomy")
record TaxonomyProperties(
        @NotNull @DefaultValue("classpath:taxonomy.json") Resource seed,
        @NotNull @DefaultValue("30s") Duration refreshInterval) {
}
