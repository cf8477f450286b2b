package org.policyalerts.bounce;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What the bounce mailbox said, for staff pages: by reader (their admin page) and by delivery (a run's log). */
@Component
public class BounceEvents {

    private static final int READER_EVENTS_SHOWN = 50;

    private final BounceRepository repository;

    BounceEvents(BounceRepository repository) {
        this.repository = repository;
    }

    /** The latest {@link #READER_EVENTS_SHOWN}, newest first. */
    public List<BounceEvent> forReader(long subscriberId) {
        return repository.forReader(subscriberId, READER_EVENTS_SHOWN);
    }

    /** Per delivery that has any, oldest first; deliveries without reports are absent. */
    public Map<Long, List<BounceEvent>> forDeliveries(Collection<Long> deliveryIds) {
        return repository.forDeliveries(deliveryIds).stream()
                .collect(Collectors.groupingBy(BounceEvent::deliveryId, Collectors.toList()));
    }
}
