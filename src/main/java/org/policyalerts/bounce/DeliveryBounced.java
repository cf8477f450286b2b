package org.policyalerts.bounce;

/**
 * Published, in the transaction that records the report, when a report means a reader must get no more mail:
 * {@link Effect#SUPPRESS} after enough hard bounces, {@link Effect#UNSUBSCRIBE} for a complaint or a mail to the
 * List-Unsubscribe address. The subscription feature applies it; a listener's failure rolls the record back.
 */
public record DeliveryBounced(long subscriberId, long deliveryId, BounceKind kind, Effect effect) {

    public enum Effect {
        SUPPRESS, UNSUBSCRIBE
    }
}
