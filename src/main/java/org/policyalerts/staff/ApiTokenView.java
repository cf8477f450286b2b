package org.policyalerts.staff;

import java.time.Instant;

/** An API token as admins see it: never the token itself. */
record ApiTokenView(long id, String name, String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
}
