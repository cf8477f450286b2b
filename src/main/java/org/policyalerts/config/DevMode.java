package org.policyalerts.config;

/**
 * Which embedded stand-ins are running. In dev mode the service may print secrets (the generated
 * staff token) to the log; outside it, it never does.
 */
public record DevMode(String embeddedPostgresUrl, boolean mailCatcher) {

    public boolean active() {
        return embeddedPostgresUrl != null || mailCatcher;
    }
}
