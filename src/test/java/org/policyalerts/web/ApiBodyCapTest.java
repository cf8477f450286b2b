package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code alerts.api.max-body-size} is honoured, and a cap that would refuse every body does not start. */
class ApiBodyCapTest {

    @Test
    void theConfiguredCapIsTheOneEnforced() {
        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort(),
                "alerts.api.max-body-size=2KB")) {
            Http http = new Http(AppRunner.port(app));

            assertThat(http.postApi("/api/briefs", brief("x".repeat(1_000))).status()).isEqualTo(201);
            Http.Response tooLarge = http.postApi("/api/briefs", brief("x".repeat(3_000)));
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("larger than the 2048 bytes");
        }
    }

    @Test
    void aZeroCapRefusesToStart() {
        assertThatThrownBy(() -> AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort(),
                "alerts.api.max-body-size=0B").close())
                .hasStackTraceContaining("alerts.api.max-body-size must be at least 1B");
    }

    private static String brief(String summary) {
        return Json.brief("b1", "T", List.of(), List.of(), Instant.parse("2026-11-27T10:00:00Z"))
                .replace("What it means.", summary);
    }
}
