package org.policyalerts.audit;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores every {@link StaffAction}. A plain (synchronous) listener on purpose: the row is written in the transaction
 * of the action, if it has one, so an action is logged if and only if it happened. Actions outside a transaction
 * (sign-ins) are written on the spot.
 */
@Component
class AuditLog {

    /** Refused sign-ins of a locked account: one entry per lock, not one per guess (see the repository). */
    private static final String LOGIN_REFUSED = "login.refused";

    private final AuditRepository repository;

    AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(StaffAction action) {
        if (LOGIN_REFUSED.equals(action.action())) {
            repository.insertUnlessRepeated(action);
        } else {
            repository.insert(action);
        }
    }
}
