package org.policyalerts.dev;

import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.config.DevMode;
import org.policyalerts.security.ApiToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a newcomer in dev mode where everything is. It prints a secret only if the service made it up itself
 * (a generated staff token, the embedded database's URL); a configured one is named by its variable, never shown.
 */
@Component
@Profile(DevMode.PROFILE)
class DevModeBanner {

    private static final Logger log = LoggerFactory.getLogger(DevModeBanner.class);

    private final AlertsProperties properties;
    private final ApiToken token;
    private final ObjectProvider<EmbeddedPostgres> postgres;
    private final ObjectProvider<GreenMail> mailCatcher;

    DevModeBanner(AlertsProperties properties, ApiToken token, ObjectProvider<EmbeddedPostgres> postgres,
            ObjectProvider<GreenMail> mailCatcher) {
        this.properties = properties;
        this.token = token;
        this.postgres = postgres;
        this.mailCatcher = mailCatcher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        StringBuilder banner = new StringBuilder("\n\n  Policy alerts is running in dev mode\n");
        banner.append("    Readers sign up at   ").append(properties.link("/subscribe")).append('\n');
        banner.append("    Staff API token      ").append(token.generated()
                ? token.reveal() + "   (generated for this run; set ALERTS_API_TOKEN to fix it)"
                : "(from ALERTS_API_TOKEN)").append('\n');
        banner.append("    Mail                 ").append(mailCatcher.getIfAvailable() != null
                ? "caught at " + properties.link("/dev/mail")
                        + "   (nothing leaves this machine; set SPRING_MAIL_HOST to send for real)"
                : "(sent through SPRING_MAIL_HOST)").append('\n');
        EmbeddedPostgres embedded = postgres.getIfAvailable();
        banner.append("    PostgreSQL           ").append(embedded != null
                ? embedded.getJdbcUrl("postgres", "postgres") + "   (embedded; set SPRING_DATASOURCE_URL to use your own)"
                : "(from SPRING_DATASOURCE_URL)").append('\n');
        log.info(banner.toString());
    }
}
