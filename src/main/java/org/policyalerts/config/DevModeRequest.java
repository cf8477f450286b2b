package org.policyalerts.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code ALERTS_DEV_MODE=true} (property {@code alerts.dev-mode}) turns on the {@code dev} profile, the same one
 * {@code ./mvnw spring-boot:run} sets. It runs before the config files are read, so that
 * {@code application-dev.properties} applies; the switch itself is therefore read from the environment, system
 * properties and command line only.
 */
class DevModeRequest implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("alerts.dev-mode", Boolean.class, false)) {
            environment.addActiveProfile(DevMode.PROFILE);
        }
    }
}
