package org.policyalerts.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The service refuses to start when its mode lacks what it needs, and says what to do:
 * <ul>
 * <li>outside dev mode, a real database, a real SMTP server and its public address, each missing one named.
 * Falling back to stand-ins there would lose mail for good (the catcher answers 250 OK) and put localhost into
 * every link sent to readers;</li>
 * <li>in dev mode, the embedded PostgreSQL and mail catcher, which the production jar leaves out.</li>
 * </ul>
 * It checks once every property source is in place (tests add theirs last) and before any bean is created.
 */
class RequiredSettings implements ApplicationListener<ApplicationPreparedEvent> {

    /** Property, and the environment variable an operator sets for it, with what it is for. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.url", "SPRING_DATASOURCE_URL (the JDBC URL of the PostgreSQL database)");
        REQUIRED.put("spring.mail.host", "SPRING_MAIL_HOST (the SMTP server that sends the mail)");
        REQUIRED.put("alerts.base-url", "ALERTS_BASE_URL (the public address every link in a mail starts with)");
    }

    private static final List<String> DEV_CLASSES = List.of(
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "com.icegreen.greenmail.util.GreenMail");

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (environment.matchesProfiles(DevMode.PROFILE)) {
            requireDevClasses(event.getApplicationContext().getClassLoader());
        } else {
            requireSettings(environment);
        }
    }

    private static void requireSettings(Environment environment) {
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

    private static void requireDevClasses(ClassLoader classLoader) {
        if (DEV_CLASSES.stream().anyMatch(name -> !ClassUtils.isPresent(name, classLoader))) {
            throw new StartupRefusedException(
                    "Dev mode was asked for, but this build does not carry the embedded PostgreSQL and mail catcher "
                            + "(the production jar leaves them out).",
                    "Run dev mode from the source tree with ./mvnw spring-boot:run, or unset ALERTS_DEV_MODE "
                            + "and configure the service for real (see the README).");
        }
    }
}
