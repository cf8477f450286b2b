package org.policyalerts;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts the service as a deployment would (its own database, an SMTP server of the test's choosing),
 * for tests that stop and start it or need settings the shared context does not have.
 */
public final class AppRunner {

    private AppRunner() {
    }

    public static ConfigurableApplicationContext start(String databaseUrl, int smtpPort, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "spring.main.register-shutdown-hook=false",
                "spring.datasource.url=" + databaseUrl,
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtpPort,
                "alerts.api-token=" + IntegrationTest.TOKEN,
                "alerts.base-url=http://localhost:8080",
                "alerts.digest.schedule-enabled=false",
                "alerts.digest.tick=1h",
                "alerts.delivery.poll=200ms"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(Application.class).properties(all.toArray(String[]::new)).run();
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }
}
