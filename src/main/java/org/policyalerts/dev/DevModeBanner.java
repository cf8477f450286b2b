package org.policyalerts.dev;

import org.policyalerts.config.AlertsProperties;
import org.policyalerts.config.DevMode;
import org.policyalerts.security.ApiToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer in dev mode where everything is. Outside dev mode it prints nothing, and never a secret. */
@Component
class DevModeBanner {

    private static final Logger log = LoggerFactory.getLogger(DevModeBanner.class);

    private final DevMode devMode;
    private final AlertsProperties properties;
    private final ApiToken token;

    DevModeBanner(DevMode devMode, AlertsProperties properties, ApiToken token) {
        this.devMode = devMode;
        this.properties = properties;
        this.token = token;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (!devMode.active()) {
            return;
        }
        StringBuilder banner = new StringBuilder("\n\n  Policy alerts is running in dev mode\n");
        banner.append("    Readers sign up at   ").append(properties.link("/subscribe")).append('\n');
        banner.append("    Staff API token      ").append(token.reveal())
                .append(token.generated() ? "   (generated for this run; set ALERTS_API_TOKEN to fix it)\n"
                        : "   (from ALERTS_API_TOKEN)\n");
        if (devMode.mailCatcher()) {
            banner.append("    Caught mail          ").append(properties.link("/dev/mail"))
                    .append("   (nothing leaves this machine; set SPRING_MAIL_HOST to send for real)\n");
        }
        if (devMode.embeddedPostgresUrl() != null) {
            banner.append("    Embedded PostgreSQL  ").append(devMode.embeddedPostgresUrl())
                    .append("   (set SPRING_DATASOURCE_URL to use your own)\n");
        }
        log.info(banner.toString());
    }
}
