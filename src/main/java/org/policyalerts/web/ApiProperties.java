package org.policyalerts.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the staff API.
 *
 * @param maxBodySize largest request body accepted on {@code /api/**}; a larger one is refused with 413
 */
@Validated
@ConfigurationProperties("alerts.api")
record ApiProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize) {

    ApiProperties {
        if (maxBodySize != null && maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("alerts.api.max-body-size must be at least 1B, got " + maxBodySize);
        }
    }
}
