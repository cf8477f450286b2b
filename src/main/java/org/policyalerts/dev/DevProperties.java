package org.policyalerts.dev;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The embedded services started when no real PostgreSQL or SMTP server is configured. Port 0 picks a free one. */
@Validated
@ConfigurationProperties("alerts.dev")
record DevProperties(
        @NotNull @DefaultValue("data") Path dataDir,
        @Min(0) @Max(65535) @DefaultValue("0") int postgresPort,
        @Min(0) @Max(65535) @DefaultValue("0") int smtpPort) {
}
