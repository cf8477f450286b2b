package org.policyalerts.bounce;

/** A message in the bounce mailbox that is not a report we can tie to a delivery; it is kept aside for a person. */
class UnparseableReport extends Exception {

    UnparseableReport(String reason) {
        super(reason);
    }
}
