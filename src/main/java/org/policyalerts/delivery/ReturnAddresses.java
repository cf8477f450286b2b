package org.policyalerts.delivery;

/**
 * The per-delivery addresses a mail carries for what comes back: the SMTP envelope sender that bounces go to,
 * and the mailto unsubscribe address next to the https one in List-Unsubscribe. The bounce feature provides them
 * (and reads that mailbox); the writer only needs to know them.
 */
public interface ReturnAddresses {

    String returnPath(long deliveryId);

    String unsubscribeAddress(long deliveryId);
}
