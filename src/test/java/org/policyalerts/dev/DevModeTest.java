package org.policyalerts.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.policyalerts.AppRunner;
import org.policyalerts.Application;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.TestInfra;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * `./mvnw spring-boot:run` on a fresh machine: with no database or mail server configured the service starts
 * its own PostgreSQL (data kept across restarts) and mail catcher, and tells the newcomer where things are.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevModeTest {

    @Test
    void startsOnEmbeddedServicesAndKeepsItsDataAcrossRestarts(@TempDir Path dataDir, CapturedOutput output) {
        try (ConfigurableApplicationContext app = devMode(dataDir)) {
            Http http = new Http(AppRunner.port(app));
            Map<String, Object> health = Json.object(http.get("/actuator/health").body());
            assertThat(health).containsEntry("status", "UP");
            assertThat((Map<String, Object>) health.get("components")).containsKeys("db", "mail");

            assertThat(output.getOut()).contains("Policy alerts is running in dev mode", "Readers sign up at",
                    "Caught mail          http://localhost:8080/dev/mail", "Embedded PostgreSQL  jdbc:postgresql://");
            String token = output.getOut().replaceAll("(?s).*Staff API token +(\\S+).*", "$1");
            assertThat(http.get("/api/briefs", "Authorization", "Bearer " + token).status()).isEqualTo(200);

            http.postForm("/subscribe", "_csrf", http.get("/subscribe").csrf(), "email", "newcomer@example.org",
                    "frequency", "daily", "match", "any");
            await().until(() -> http.get("/dev/mail").body().contains("Confirm your email alerts"));
            String message = http.get("/dev/mail/0").body();
            assertThat(message).contains("http://localhost:8080/confirm/", "Links in this mail", "Text part")
                    .doesNotContain("List-Unsubscribe");
            assertThat(http.get("/dev/mail/0/html").body()).contains("Confirm my alerts");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).content().isEqualToIgnoringNewLines("17");

        try (ConfigurableApplicationContext again = devMode(dataDir)) {
            assertThat(again.getBean(JdbcClient.class).sql("select email from subscriber").query(String.class).list())
                    .containsExactly("newcomer@example.org");
        }
    }

    @Test
    void outsideDevModeNoSecretIsLogged(CapturedOutput output) {
        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort(),
                "alerts.api-token=very-secret-staff-token")) {
            Http http = new Http(AppRunner.port(app));
            assertThat(http.get("/dev/mail").status()).isEqualTo(404);
            assertThat(output.getAll()).doesNotContain("very-secret-staff-token").doesNotContain("dev mode")
                    .doesNotContain("security password");
        }
    }

    private static ConfigurableApplicationContext devMode(Path dataDir) {
        return new SpringApplicationBuilder(Application.class).properties(List.of(
                "server.port=0",
                "spring.main.register-shutdown-hook=false",
                "alerts.dev.data-dir=" + dataDir).toArray(String[]::new)).run();
    }
}
