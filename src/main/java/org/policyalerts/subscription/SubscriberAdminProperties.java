package org.policyalerts.subscription;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the staff's subscriber export and import.
 *
 * @param importMaxSize   largest CSV file an import accepts (the servlet's own multipart limit,
 *                        spring.servlet.multipart.max-file-size, 1MB by default, must be at least as large)
 * @param importMaxRows   most readers one import may carry; a larger file is refused whole
 * @param exportFetchSize readers the export reads from the database at a time (it never holds more in memory)
 */
@Validated
@ConfigurationProperties("alerts.subscribers")
record SubscriberAdminProperties(
        @NotNull @DefaultValue("1MB") DataSize importMaxSize,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int importMaxRows,
        @Min(10) @Max(100_000) @DefaultValue("1000") int exportFetchSize) {
}
