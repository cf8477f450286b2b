package org.policyalerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyalerts.Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An operator who forgets a variable gets a service that refuses to start and says which variables and how to ask
 * for dev mode, instead of one that quietly catches every mail in memory. The configured token is never printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSettingsTest {

    private static final String TOKEN = "configured-secret-staff-token";

    @Test
    void aDatabaseWithoutAMailServerRefusesToStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.datasource.url=jdbc:postgresql://db.internal:5432/alerts"))
                .isInstanceOf(StartupRefusedException.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "SPRING_MAIL_HOST", "ALERTS_BASE_URL",
                        "./mvnw spring-boot:run", "ALERTS_DEV_MODE=true")
                .doesNotContain("SPRING_DATASOURCE_URL", TOKEN);
        assertThat(output.getAll().strip()).as("the explanation is the last thing printed")
                .endsWith("or ALERTS_DEV_MODE=true.");
    }

    @Test
    void aMailServerWithoutADatabaseRefusesToStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.mail.host=smtp.internal", "alerts.base-url=https://alerts.example.org"))
                .isInstanceOf(StartupRefusedException.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "SPRING_DATASOURCE_URL",
                        "ALERTS_DEV_MODE=true")
                .doesNotContain("SPRING_MAIL_HOST", "ALERTS_BASE_URL", TOKEN);
    }

    private static void start(String... settings) {
        new SpringApplicationBuilder(Application.class)
                .properties("server.port=0", "spring.main.register-shutdown-hook=false", "alerts.api-token=" + TOKEN)
                .properties(settings)
                .run();
    }
}
