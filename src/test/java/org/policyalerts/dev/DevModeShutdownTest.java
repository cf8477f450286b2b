package org.policyalerts.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyalerts.Application;
import org.policyalerts.Http;

/**
 * Ctrl+C in dev mode, right after a mail went out: the service, run as its own process, stops within 5 seconds
 * and cleanly. The embedded PostgreSQL is stopped by the context after the senders, not by a JVM hook of its own.
 */
class DevModeShutdownTest {

    @Test
    void stopsCleanlyWithinFiveSecondsOfSigterm(@TempDir Path dataDir) throws Exception {
        int port = DevModeTest.freePort();
        Path log = dataDir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName(),
                "--server.port=" + port,
                "--alerts.dev.data-dir=" + dataDir)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("ALERTS_DEV_MODE", "true");
        Process service = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("Started Application"));
            Http http = new Http(port);
            http.postForm("/subscribe", "_csrf", http.get("/subscribe").csrf(), "email", "leaving@example.org",
                    "frequency", "daily", "match", "any");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> http.get("/dev/mail").body().contains("Confirm your email alerts"));

            service.destroy();
            assertThat(service.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s of SIGTERM").isTrue();
        } finally {
            service.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(output).contains("Policy alerts is running in dev mode")
                .doesNotContain(" ERROR ", "Exception", "\tat ");
    }
}
