package org.policyalerts.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * {@code ALERTS_DEV_MODE=true} (property {@code alerts.dev-mode}) turns on the {@code dev} profile, the same one
 * {@code ./mvnw spring-boot:run} sets. It runs before the config files are read, so that
 * {@code application-dev.properties} applies; the switch itself is therefore read from the environment, system
 * properties and command line only.
 */
class DevModeRequest implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "alerts.dev-mode";

    /** The embedded stand-ins; the production jar leaves them out. */
    private static final String[] DEV_CLASSES = {
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "com.icegreen.greenmail.util.GreenMail"};

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(PROPERTY, Boolean.class, false)) {
            environment.addActiveProfile(DevMode.PROFILE);
        }
        if (environment.matchesProfiles(DevMode.PROFILE) && !devClassesPresent(application.getClassLoader())) {
            throw new StartupRefusedException(
                    "Dev mode was asked for, but this build does not carry the embedded PostgreSQL and mail catcher "
                            + "(the production jar leaves them out).",
                    "Run dev mode from the source tree with ./mvnw spring-boot:run, or unset ALERTS_DEV_MODE "
                            + "and configure the service for real (see the README).");
        }
    }

    private static boolean devClassesPresent(ClassLoader classLoader) {
        for (String name : DEV_CLASSES) {
            if (!ClassUtils.isPresent(name, classLoader)) {
                return false;
            }
        }
        return true;
    }
}
