package org.policyalerts.config;

import org.springframework.core.env.Environment;

/**
 * Whether the service runs in dev mode: the Spring profile {@value #PROFILE}, asked for by
 * {@code ./mvnw spring-boot:run} or {@code ALERTS_DEV_MODE=true}, never inferred from missing settings. Only in dev
 * mode may the service stand in embedded servers for unset ones, serve {@code /dev/**} and print a secret it
 * generated itself (the staff token).
 */
public record DevMode(boolean active) {

    public static final String PROFILE = "dev";

    static DevMode of(Environment environment) {
        return new DevMode(environment.matchesProfiles(PROFILE));
    }
}
