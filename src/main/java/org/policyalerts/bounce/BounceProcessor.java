package org.policyalerts.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ties one message from the bounce mailbox to a delivery, records it and, when the reader must get no more mail,
 * publishes {@link DeliveryBounced} in the same transaction. The delivery is named, in order of trust, by our
 * address the message was sent to (VERP: To, Delivered-To, X-Original-To), by the return path the report quotes,
 * and by the original Message-ID. A report recorded before is not applied again.
 */
@Component
class BounceProcessor {

    private static final String[] RECIPIENT_HEADERS = {"Delivered-To", "X-Original-To", "To", "Envelope-To"};

    private final BounceRepository repository;
    private final VerpAddresses verp;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BounceProcessor(BounceRepository repository, VerpAddresses verp, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.verp = verp;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Returns what was recorded, empty if nothing was (a success notice, or a report seen before). The address is
     * suppressed once it has {@code hardBounceThreshold} hard bounces.
     */
    @Transactional
    Optional<BounceKind> process(MimeMessage message, String reportId, int hardBounceThreshold)
            throws UnparseableReport, MessagingException {
        List<VerpAddresses.Verp> addressedTo = addressedTo(message);
        Optional<VerpAddresses.Verp> unsubscribe = addressedTo.stream()
                .filter(v -> v.purpose() == VerpAddresses.Purpose.UNSUBSCRIBE).findFirst();
        Report report;
        BounceRepository.Target target;
        if (unsubscribe.isPresent()) {
            report = new Report(BounceKind.UNSUBSCRIBE, null, "mail to the List-Unsubscribe address", null, null);
            target = repository.delivery(unsubscribe.get().deliveryId())
                    .orElseThrow(() -> new UnparseableReport("an unsubscribe for a delivery no longer kept"));
        } else {
            Optional<Report> parsed = ReportParser.parse(message);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            report = parsed.get();
            target = target(addressedTo, report)
                    .orElseThrow(() -> new UnparseableReport("a report naming no delivery of ours"));
        }
        if (!repository.insert(reportId, target, report, clock.instant())) {
            return Optional.empty();
        }
        effect(report.kind(), target, hardBounceThreshold).ifPresent(effect ->
                events.publishEvent(new DeliveryBounced(target.subscriberId(), target.deliveryId(), report.kind(), effect)));
        return Optional.of(report.kind());
    }

    private Optional<DeliveryBounced.Effect> effect(BounceKind kind, BounceRepository.Target target,
            int hardBounceThreshold) {
        return switch (kind) {
            case HARD_BOUNCE -> repository.count(target.subscriberId(), BounceKind.HARD_BOUNCE)
                    >= hardBounceThreshold ? Optional.of(DeliveryBounced.Effect.SUPPRESS) : Optional.empty();
            case SOFT_BOUNCE -> Optional.empty();
            case COMPLAINT, UNSUBSCRIBE -> Optional.of(DeliveryBounced.Effect.UNSUBSCRIBE);
        };
    }

    private Optional<BounceRepository.Target> target(List<VerpAddresses.Verp> addressedTo, Report report) {
        Optional<VerpAddresses.Verp> bounce = addressedTo.stream()
                .filter(v -> v.purpose() == VerpAddresses.Purpose.BOUNCES).findFirst();
        if (bounce.isEmpty() && report.originalReturnPath() != null) {
            bounce = address(report.originalReturnPath()).flatMap(verp::parse)
                    .filter(v -> v.purpose() == VerpAddresses.Purpose.BOUNCES);
        }
        if (bounce.isPresent()) {
            return repository.delivery(bounce.get().deliveryId());
        }
        return ourMessageId(report.originalMessageId()).flatMap(repository::deliveryByMessageId);
    }

    private List<VerpAddresses.Verp> addressedTo(MimeMessage message) throws MessagingException {
        List<VerpAddresses.Verp> found = new ArrayList<>();
        for (String header : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(header);
            for (String value : values == null ? new String[0] : values) {
                for (String part : value.split(",")) {
                    address(part).flatMap(verp::parse).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /** The bare address of a header value such as {@code "Name" <a@b>} or {@code <a@b>}. */
    private static Optional<String> address(String value) {
        try {
            return Optional.of(new InternetAddress(value.strip(), false).getAddress());
        } catch (jakarta.mail.internet.AddressException e) {
            return Optional.empty();
        }
    }

    /** Our Message-IDs are {@code <outbox id@mail domain>}; the outbox keeps the part before the @. */
    private static Optional<String> ourMessageId(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        int at = id.lastIndexOf('@');
        return at > 0 ? Optional.of(id.substring(0, at)) : Optional.empty();
    }
}
