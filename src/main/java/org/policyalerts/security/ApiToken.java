package org.policyalerts.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.policyalerts.config.DevMode;

/** The bearer token staff tools present on {@code /api/**}. Absent means the API is closed. */
public final class ApiToken {

    private final String value;
    private final boolean generated;

    private ApiToken(String value, boolean generated) {
        this.value = value;
        this.generated = generated;
    }

    static ApiToken of(String configured, DevMode devMode) {
        if (configured != null && !configured.isBlank()) {
            return new ApiToken(configured.strip(), false);
        }
        if (devMode.active()) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
        }
        return new ApiToken(null, false);
    }

    boolean present() {
        return value != null;
    }

    public boolean generated() {
        return generated;
    }

    /** For the dev-mode banner only: outside dev mode no secret is logged. */
    public String reveal() {
        return value;
    }

    boolean accepts(String presented) {
        return value != null && presented != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
