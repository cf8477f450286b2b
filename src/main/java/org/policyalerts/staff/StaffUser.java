package org.policyalerts.staff;

import java.time.Instant;

record StaffUser(long id, String email, String displayName, StaffRole role, String passwordHash, boolean enabled,
        Instant createdAt, Instant lastLoginAt) {

    /** Records print every component; the password hash stays out of any log. */
    @Override
    public String toString() {
        return "StaffUser[id=" + id + ", email=" + email + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
