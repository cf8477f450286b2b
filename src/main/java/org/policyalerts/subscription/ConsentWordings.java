package org.policyalerts.subscription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.policyalerts.config.AlertsProperties;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The versions of the consent wording an opt-in may name: those with a template,
 * {@code subscription/consent/{version}.html}, under {@code ALERTS_TEMPLATES_DIR} or in the jar. The version posted
 * with a sign-up is recorded as the wording the reader saw, so one without a template (typed, or from a doctored
 * form) is refused rather than stored.
 */
@Component
class ConsentWordings {

    /** Checked before any lookup, so a posted value never becomes a path. */
    private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}");

    private final ResourceLoader resources;
    private final Path overrides;

    ConsentWordings(ResourceLoader resources, AlertsProperties alerts, SubscriptionProperties properties) {
        this.resources = resources;
        this.overrides = alerts.templatesDir();
        if (!exists(properties.consentVersion())) {
            throw new IllegalStateException("alerts.subscription.consent-version is " + properties.consentVersion()
                    + ", but there is no template " + template(properties.consentVersion()));
        }
    }

    boolean exists(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return false;
        }
        String template = template(version);
        return (overrides != null && Files.isRegularFile(overrides.resolve(template)))
                || resources.getResource("classpath:/templates/" + template).exists();
    }

    private static String template(String version) {
        return "subscription/consent/" + version + ".html";
    }
}
