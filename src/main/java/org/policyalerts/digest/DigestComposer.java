package org.policyalerts.digest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.Briefs;
import org.policyalerts.delivery.Claim;
import org.policyalerts.delivery.Composer;
import org.policyalerts.delivery.Mail;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.Reader;
import org.policyalerts.subscription.Readers;
import org.springframework.stereotype.Component;

/**
 * Turns a batch of claimed deliveries into mails: loads what they need in six queries (the briefs each
 * carries, their details, the readers, what they follow, each brief's other language versions and theirs) whatever
 * the batch size, and has {@link DigestRenderer} write each one.
 */
@Component
class DigestComposer implements Composer {

    private final DigestRepository repository;
    private final Briefs briefs;
    private final Readers readers;
    private final DigestRenderer renderer;
    private final BriefVersions versions;

    DigestComposer(DigestRepository repository, Briefs briefs, Readers readers, DigestRenderer renderer,
            BriefVersions versions) {
        this.repository = repository;
        this.briefs = briefs;
        this.readers = readers;
        this.renderer = renderer;
        this.versions = versions;
    }

    @Override
    public Map<Long, Mail> compose(List<Claim> claims) {
        Long[] deliveryIds = claims.stream().map(Claim::deliveryId).toArray(Long[]::new);
        Map<Long, List<Long>> briefIds = repository.briefIdsByDelivery(deliveryIds);
        Map<Long, Map<Long, List<Brief>>> otherVersions = versions.of(deliveryIds);
        Map<Long, Brief> briefById = briefs.mailableByIds(briefIds.values().stream().flatMap(List::stream)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Brief::id, Function.identity()));
        Set<Long> subscriberIds = claims.stream().map(Claim::subscriberId).collect(Collectors.toSet());
        Map<Long, Reader> active = readers.active(subscriberIds);
        Map<Long, List<Follow>> follows = readers.follows(subscriberIds);
        DigestRenderer.Batch batch = renderer.batch();
        Map<Long, Mail> mails = new HashMap<>();
        for (Claim claim : claims) {
            Reader reader = active.get(claim.subscriberId());
            List<Brief> digest = briefIds.getOrDefault(claim.deliveryId(), List.of()).stream()
                    .map(briefById::get)
                    .filter(Objects::nonNull)
                    .toList();
            // a reader who left meanwhile, or whose briefs were all deleted or retracted, has nothing to send
            if (reader != null && !digest.isEmpty()) {
                RenderedDigest rendered = batch.render(
                        DigestRecipient.of(reader, follows.getOrDefault(claim.subscriberId(), List.of())), digest,
                        otherVersions.getOrDefault(claim.deliveryId(), Map.of()),
                        DigestWebController.path(claim.deliveryId(), reader.manageToken()));
                mails.put(claim.deliveryId(), new Mail(claim.messageId(), reader.email(), rendered.subject(),
                        rendered.html(), rendered.text(), rendered.unsubscribeUrl()));
            }
        }
        return mails;
    }
}
