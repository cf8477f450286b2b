package org.policyalerts.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * `./mvnw spring-boot:run` on a fresh machine: dev mode, asked for explicitly, starts its own PostgreSQL (data kept
 * across restarts) and mail catcher for whatever is not configured, listens on loopback only, and tells the
 * newcomer where things are without ever printing a secret it did not make up itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevModeTest {

    private static final String READER = "newcomer@example.org";
    private static final String CONFIGURED_TOKEN = "configured-secret-staff-token";

    @Test
    void startsOnEmbeddedServicesAndKeepsItsDataAcrossRestarts(@TempDir Path dataDir, CapturedOutput output)
            throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext app = devMode(dataDir, port)) {
            Http http = new Http(port);
            Map<String, Object> health = Json.object(http.get("/actuator/health").body());
            assertThat(health).containsEntry("status", "UP");
            assertThat((Map<String, Object>) health.get("components")).containsKeys("db", "mail");

            assertThat(output.getOut()).contains("Policy alerts is running in dev mode",
                    "Readers sign up at   http://localhost:" + port + "/subscribe",
                    "caught at http://localhost:" + port + "/dev/mail", "PostgreSQL           jdbc:postgresql://");
            String token = output.getOut().replaceAll("(?s).*Staff API token +(\\S+).*", "$1");
            assertThat(http.get("/api/briefs", "Authorization", "Bearer " + token).status()).isEqualTo(200);

            http.postForm("/subscribe", "_csrf", http.get("/subscribe").csrf(), "email", READER,
                    "frequency", "daily", "match", "any");
            await().until(() -> http.get("/dev/mail").body().contains("Confirm your email alerts"));
            String message = http.get("/dev/mail/0").body();
            assertThat(message).contains("http://localhost:" + port + "/confirm/", "Links in this mail", "Text part")
                    .doesNotContain("List-Unsubscribe");
            Http.Response html = http.get("/dev/mail/0/html");
            assertThat(html.body()).contains("Confirm my alerts");
            assertThat(html.header("X-Frame-Options")).as("the viewer page frames it").isEqualTo("SAMEORIGIN");
            assertThat(http.get("/subscribe").header("X-Frame-Options")).isEqualTo("DENY");

            assertThat(http.get("/dev/mail", "X-Forwarded-For", "203.0.113.7").status())
                    .as("a reverse proxy on this machine does not open the mail catcher to the world").isEqualTo(403);
            nonLoopbackAddress().ifPresent(address -> assertThat(connects(address, port))
                    .as("dev mode listens on loopback only, not on " + address).isFalse());
            assertThat(output.getAll()).as("reader addresses are not logged").doesNotContain(READER);
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).content().isEqualToIgnoringNewLines("17");

        // half set up: a real SMTP server and a configured token, the embedded database
        try (ConfigurableApplicationContext again = devMode(dataDir, 0, "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + TestInfra.smtpPort(), "alerts.api-token=" + CONFIGURED_TOKEN)) {
            assertThat(again.getBean(JdbcClient.class).sql("select email from subscriber").query(String.class).list())
                    .containsExactly(READER);
            assertThat(new Http(AppRunner.port(again)).get("/dev/mail").status()).isEqualTo(404);
            assertThat(output.getOut()).contains("Staff API token      (from ALERTS_API_TOKEN)",
                    "Mail                 (sent through SPRING_MAIL_HOST)");
        }
        assertThat(output.getAll()).doesNotContain(CONFIGURED_TOKEN);
    }

    @Test
    void outsideDevModeNoSecretIsLoggedAndThereIsNoMailCatcher(CapturedOutput output) {
        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort(),
                "alerts.api-token=" + CONFIGURED_TOKEN)) {
            Http http = new Http(AppRunner.port(app));
            assertThat(http.get("/dev/mail").status()).isEqualTo(404);
            assertThat(output.getAll()).doesNotContain(CONFIGURED_TOKEN).doesNotContain("dev mode")
                    .doesNotContain("security password");
        }
    }

    private static ConfigurableApplicationContext devMode(Path dataDir, int port, String... settings) {
        List<String> all = new ArrayList<>(List.of(
                "alerts.dev-mode=true",
                "server.port=" + port,
                "spring.main.register-shutdown-hook=false",
                "alerts.dev.data-dir=" + dataDir));
        all.addAll(List.of(settings));
        return new SpringApplicationBuilder(Application.class).properties(all.toArray(String[]::new)).run();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An address of this machine that other machines could reach, if it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses).filter(Inet4Address.class::isInstance).findFirst();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
