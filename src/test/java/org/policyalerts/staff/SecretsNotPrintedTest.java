package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.policyalerts.config.AlertsProperties;

/** Records print every component by default; those holding a password, a hash or a token must not. */
class SecretsNotPrintedTest {

    private static final String SECRET = "s3cret-value";

    @Test
    void settingsAndStaffRecordsNameTheirSecretsWithoutPrintingThem() {
        assertThat(new AdminProperties("boss@example.org", SECRET).toString())
                .contains("boss@example.org", "password=(set)").doesNotContain(SECRET);
        assertThat(new AdminProperties("boss@example.org", null).toString()).contains("password=unset");
        assertThat(new AlertsProperties(URI.create("https://alerts.example.org"), "Alerts <a@example.org>", "Alerts",
                "1 Street", SECRET, null).toString()).contains("https://alerts.example.org", "apiToken=(set)")
                .doesNotContain(SECRET);
        assertThat(new StaffUser(1, "ed@example.org", "Ed", StaffRole.EDITOR, "{bcrypt}" + SECRET, true, Instant.EPOCH,
                null).toString()).contains("ed@example.org").doesNotContain(SECRET);
        assertThat(new ApiTokens.Created(1, "importer", "pa_" + SECRET).toString()).contains("importer")
                .doesNotContain(SECRET);
    }
}
