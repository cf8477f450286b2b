package org.policyalerts.delivery;

import java.util.List;
import java.util.Map;

/** Builds the mails for a batch of claimed deliveries. A delivery left out of the map has nothing to send. */
public interface Composer {

    Map<Long, Mail> compose(List<Claim> claims);
}
