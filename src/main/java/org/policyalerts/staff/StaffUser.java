package org.policyalerts.staff;

import java.time.Instant;

record StaffUser(long id, String email, String displayName, StaffRole role, String passwordHash, boolean enabled,
        Instant createdAt, Instant lastLoginAt) {
}
