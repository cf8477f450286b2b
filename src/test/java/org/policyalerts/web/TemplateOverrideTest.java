package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.MailParts;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/** A deployment restyles pages and mails by putting same-named templates in ALERTS_TEMPLATES_DIR. */
class TemplateOverrideTest {

    @Test
    void templatesInTheOverrideDirectoryWinAndTheRestComeFromTheJar(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("subscription"));
        Files.createDirectories(dir.resolve("mail"));
        Files.writeString(dir.resolve("subscription/check-inbox.html"),
                "<html xmlns:th=\"http://www.thymeleaf.org\"><body><p th:text=\"${publisherName}\">x</p>Our own page</body></html>");
        Files.writeString(dir.resolve("mail/confirm.txt"), "Our own text part: [(${confirmUrl})]");
        TestInfra.mail().purgeEmailFromAllMailboxes();

        try (ConfigurableApplicationContext app = AppRunner.start(TestInfra.newDatabaseUrl(), TestInfra.smtpPort(),
                "alerts.templates-dir=" + dir)) {
            Http http = new Http(AppRunner.port(app));
            assertThat(http.get("/subscribe/check-inbox").body()).contains("<p>Policy Alerts</p>Our own page");
            assertThat(http.get("/subscribe").body()).contains("Sign up for email alerts");

            http.postForm("/subscribe", "_csrf", http.get("/subscribe").csrf(), "email", "a@example.org",
                    "frequency", "daily", "match", "any");
            await().until(() -> TestInfra.mail().getReceivedMessages().length == 1);
            var mail = TestInfra.mail().getReceivedMessages()[0];
            assertThat(MailParts.text(mail)).startsWith("Our own text part: http://localhost:8080/confirm/");
            assertThat(MailParts.html(mail)).contains("Confirm my alerts");
        }
    }
}
