package org.policyalerts.subscription;

import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The time zones a reader can pick for daily and weekly digests: the region-based IANA ones (Asia/Riyadh,
 * America/New_York), which follow daylight saving. The publisher's zone is the default; it is read from the
 * digest setting by name, since the digest feature depends on this one and not the other way round.
 */
@Component
class Zones {

    private static final String REGIONS = "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+";

    private final ZoneId publisherZone;
    private final List<String> offered;

    Zones(@Value("${alerts.digest.zone:UTC}") ZoneId publisherZone) {
        this.publisherZone = publisherZone;
        this.offered = ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.matches(REGIONS) || z.equals(publisherZone.getId()) || z.equals("UTC"))
                .sorted().toList();
    }

    String publisherZone() {
        return publisherZone.getId();
    }

    List<String> offered() {
        return offered;
    }

    boolean known(String zone) {
        return zone != null && offered.contains(zone);
    }
}
