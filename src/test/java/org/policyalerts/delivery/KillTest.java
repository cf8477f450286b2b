package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyalerts.Application;
import org.policyalerts.Fixtures;
import org.policyalerts.Http;
import org.policyalerts.Json;
import org.policyalerts.TestInfra;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The service runs as its own process and is killed with SIGKILL in the middle of a send, then started again.
 * Every digest arrives; a reader gets one twice only if their digest was being handed to the SMTP server at the
 * kill (at most one per sender thread), and each such repeat is named in the log.
 */
class KillTest {

    private static final int READERS = 200;
    private static final Pattern ON_THE_WIRE = Pattern.compile("Delivery \\d+ to subscriber (\\d+) was being handed to the SMTP server");

    @Test
    void killedMidSendAndRestartedNothingIsLostAndOnlyTheInFlightMayRepeat(@TempDir Path logs) throws Exception {
        String database = TestInfra.newDatabaseUrl();
        JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database));
        TestInfra.mail().purgeEmailFromAllMailboxes();

        int port = freePort();
        Process first = start(database, port, logs.resolve("first.log"));
        Http staff = new Http(port);
        List<Long> readers = new ArrayList<>();
        String run;
        try {
            Fixtures fixtures = new Fixtures(jdbc);
            for (int i = 0; i < READERS; i++) {
                readers.add(fixtures.reader("reader" + i + "@example.org", "immediate", Instant.now().minusSeconds(3600), "*/*"));
            }
            staff.postApi("/api/briefs", Json.brief("b1", "A brief", List.of(), List.of("iran"), Instant.now()));
            run = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}").header("Location");
            // not a multiple of the batch size, so that the senders are caught in the middle of a batch
            await().atMost(Duration.ofSeconds(30)).until(() -> received() >= 47);
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(received()).as("killed part way").isLessThan(READERS);

        Process second = start(database, port, logs.resolve("second.log"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(Json.object(staff.getApi(run).body()).get("status")));
            Map<String, Long> perReader = Stream.of(TestInfra.mail().getReceivedMessages())
                    .collect(Collectors.groupingBy(m -> recipient(m), Collectors.counting()));
            assertThat(perReader).hasSize(READERS);
            assertThat(Json.object(staff.getApi(run).body())).containsEntry("sent", READERS);

            List<String> repeated = perReader.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            List<String> loggedOnTheWire = new ArrayList<>();
            Matcher m = ON_THE_WIRE.matcher(Files.readString(logs.resolve("second.log")));
            while (m.find()) {
                loggedOnTheWire.add("reader" + readers.indexOf(Long.parseLong(m.group(1))) + "@example.org");
            }
            assertThat(repeated).as("at most one message per sender thread was being handed over").hasSizeLessThanOrEqualTo(2);
            assertThat(perReader.values()).allMatch(n -> n <= 2);
            assertThat(loggedOnTheWire).as("every repeat is one the log warned about").containsAll(repeated);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static Process start(String database, int port, Path log) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + database,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestInfra.smtpPort(),
                "--alerts.api-token=test-api-token",
                "--alerts.base-url=http://localhost:" + port,
                "--alerts.digest.schedule-enabled=false",
                "--alerts.delivery.poll=200ms",
                "--alerts.delivery.lease=3s",
                "--alerts.delivery.max-per-second=40")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // a JVM starting on a busy 2-core machine can take most of a minute
        await().atMost(Duration.ofMinutes(3)).until(() -> Files.readString(log).contains("Started Application"));
        return process;
    }

    private static int received() {
        return TestInfra.mail().getReceivedMessages().length;
    }

    private static String recipient(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
