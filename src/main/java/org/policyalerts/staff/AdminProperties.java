package org.policyalerts.staff;

import jakarta.validation.constraints.Email;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first admin, created at startup when no staff user exists yet; ignored afterwards.
 *
 * @param email    ALERTS_ADMIN_EMAIL
 * @param password ALERTS_ADMIN_PASSWORD; never logged. Unset in dev mode: one is generated and printed once
 */
@Validated
@ConfigurationProperties("alerts.admin")
record AdminProperties(@Email String email, String password) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }

    /** Records print every component; this one must never print the password. */
    @Override
    public String toString() {
        return "AdminProperties[email=" + email + ", password=" + (password == null ? "unset" : "(set)") + "]";
    }
}
