package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a load balancer and a monitor see: the SMTP check is cached, an SMTP outage is visible but does not take the
 * service out of rotation (mail waits in the outbox), and readiness means "has its database".
 */
class HealthTest {

    @Test
    void fortyHealthChecksOpenOneSmtpSession() throws IOException {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), smtp.port())) {
            Http http = new Http(AppRunner.port(app));
            for (int i = 0; i < 40; i++) {
                Http.Response health = http.get("/actuator/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(Json.object(health.body())).containsEntry("status", "UP");
            }
            assertThat(smtp.connections()).isBetween(1, 2);
        }
    }

    @Test
    void smtpDownShowsButTheServiceStaysInRotation() throws IOException {
        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), closedPort())) {
            Http http = new Http(AppRunner.port(app));

            Http.Response health = http.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            Map<String, Object> body = Json.object(health.body());
            assertThat(body).containsEntry("status", "DEGRADED");
            assertThat(component(body, "mail")).containsEntry("status", "DEGRADED");
            assertThat(component(body, "db")).containsEntry("status", "UP");

            Http.Response readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat((Map<String, Object>) Json.object(readiness.body()).get("components"))
                    .containsOnlyKeys("readinessState", "db");
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(Map<String, Object> health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
