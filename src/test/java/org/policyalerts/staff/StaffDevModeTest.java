package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.policyalerts.AppRunner;
import org.policyalerts.Application;
import org.policyalerts.Http;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dev mode without ALERTS_ADMIN_*: an admin with a generated password, printed once, and the caught mail inside the
 * staff pages for signed-in staff.
 */
@ExtendWith(OutputCaptureExtension.class)
class StaffDevModeTest {

    private static final Pattern SIGN_IN = Pattern.compile("Staff sign-in \\(dev mode\\): (\\S+) with password (\\S+)");

    @Test
    void devModeMakesAnAdminOnceAndShowsCaughtMailToStaff(@TempDir Path dataDir, CapturedOutput output) {
        String email;
        String password;
        try (ConfigurableApplicationContext app = devMode(dataDir)) {
            Matcher m = SIGN_IN.matcher(output.getOut());
            assertThat(m.find()).as("the generated password is printed").isTrue();
            email = m.group(1);
            password = m.group(2);
            Http http = new Http(AppRunner.port(app));
            assertThat(http.get("/admin/mail").header("Location")).as("staff only").endsWith("/login");

            http.postForm("/subscribe", "_csrf", http.get("/subscribe").csrf(), "email", "reader@example.org",
                    "frequency", "daily", "match", "any");
            assertThat(StaffFixture.signIn(http, email, password).header("Location")).contains("/admin/mail");
            await().until(() -> http.get("/admin/mail").body().contains("Confirm your email alerts"));
            String inbox = http.get("/admin/mail").body();
            assertThat(inbox).contains("Caught mail</a>", "Sign out", "href=\"/admin/mail/0\"");
            assertThat(http.get("/admin/mail/0").body()).contains("Links in this mail", "src=\"/admin/mail/0/html\"");
            Http.Response html = http.get("/admin/mail/0/html");
            assertThat(html.body()).contains("Confirm my alerts");
            assertThat(html.header("Content-Security-Policy")).startsWith("sandbox");
        }
        int printed = output.getOut().split("Staff sign-in \\(dev mode\\)", -1).length - 1;
        try (ConfigurableApplicationContext again = devMode(dataDir)) {
            assertThat(output.getOut().split("Staff sign-in \\(dev mode\\)", -1).length - 1)
                    .as("printed once, not on the next start").isEqualTo(printed);
            assertThat(StaffFixture.signIn(new Http(AppRunner.port(again)), email, password).header("Location"))
                    .endsWith("/admin");
        }
    }

    private static ConfigurableApplicationContext devMode(Path dataDir) {
        return new SpringApplicationBuilder(Application.class).properties("alerts.dev-mode=true", "server.port=0",
                "spring.main.register-shutdown-hook=false", "alerts.dev.data-dir=" + dataDir).run();
    }
}
