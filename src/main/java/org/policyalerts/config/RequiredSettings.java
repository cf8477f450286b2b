package org.policyalerts.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Outside dev mode the service refuses to start without a real database, a real SMTP server and its public
 * address, naming every one that is missing. Falling back to stand-ins there would lose mail for good (the
 * catcher answers 250 OK) and put localhost into every link sent to readers. It checks once every property source
 * is in place (tests add theirs last) and before any bean is created.
 */
class RequiredSettings implements ApplicationListener<ApplicationPreparedEvent> {

    /** Property, and the environment variable an operator sets for it, with what it is for. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.url", "SPRING_DATASOURCE_URL (the JDBC URL of the PostgreSQL database)");
        REQUIRED.put("spring.mail.host", "SPRING_MAIL_HOST (the SMTP server that sends the mail)");
        REQUIRED.put("alerts.base-url", "ALERTS_BASE_URL (the public address every link in a mail starts with)");
    }

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (environment.matchesProfiles(DevMode.PROFILE)) {
            return;
        }
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(setting -> !StringUtils.hasText(environment.getProperty(setting.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        if (!missing.isEmpty()) {
            throw new StartupRefusedException(
                    "Not in dev mode, and these settings are missing:\n    " + String.join("\n    ", missing),
                    "Set them (see \"Running it for real\" in the README). To try the service out with an "
                            + "embedded PostgreSQL and a mail catcher instead, ask for dev mode: ./mvnw spring-boot:run, "
                            + "or ALERTS_DEV_MODE=true.");
        }
    }
}
