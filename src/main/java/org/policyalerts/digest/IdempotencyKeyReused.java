package org.policyalerts.digest;

/** A send request repeated an Idempotency-Key that an earlier request used for another frequency. */
class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused(SendRun earlier) {
        super("This Idempotency-Key was already used for a " + earlier.frequency().code() + " send (run "
                + earlier.id() + "); use a new key for a different request");
    }
}
