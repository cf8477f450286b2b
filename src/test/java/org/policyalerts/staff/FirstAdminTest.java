package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.TestInfra;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/** The first start makes an admin from ALERTS_ADMIN_EMAIL/ALERTS_ADMIN_PASSWORD; the password is never logged. */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

    private static final String SECRET = "first admin's own passphrase";

    @Test
    void theFirstStartCreatesTheConfiguredAdminOnce(CapturedOutput output) {
        String database = TestInfra.newDatabaseUrl();
        try (ConfigurableApplicationContext app = AppRunner.start(database, TestInfra.smtpPort(),
                "alerts.admin.email=first@example.org", "alerts.admin.password=" + SECRET)) {
            Http http = new Http(AppRunner.port(app));
            assertThat(StaffFixture.signIn(http, "first@example.org", SECRET).header("Location")).endsWith("/admin");
            assertThat(http.get("/admin/staff").status()).as("an admin").isEqualTo(200);
            assertThat(output).contains("Created the first admin").doesNotContain(SECRET);
        }
        try (ConfigurableApplicationContext app = AppRunner.start(database, TestInfra.smtpPort(),
                "alerts.admin.email=second@example.org", "alerts.admin.password=" + SECRET)) {
            assertThat(AppRunner.jdbc(app).sql("select email from staff_user").query(String.class).list())
                    .as("only while nobody exists").containsExactly("first@example.org");
        }
    }
}
