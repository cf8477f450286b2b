package org.policyalerts.digest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.BriefState;
import org.policyalerts.brief.Briefs;
import org.springframework.stereotype.Component;

/**
 * The other language versions of the briefs that digests carry, for their "Also in" links: only versions in the
 * reader's editions, and only once they are out (published, time come). Two queries for a whole batch.
 */
@Component
class BriefVersions {

    private final DigestRepository repository;
    private final Briefs briefs;

    BriefVersions(DigestRepository repository, Briefs briefs) {
        this.repository = repository;
        this.briefs = briefs;
    }

    /** By delivery id, then by the id of the brief it carries: that brief's other versions. */
    Map<Long, Map<Long, List<Brief>>> of(Long[] deliveryIds) {
        Map<Long, Map<Long, List<Long>>> ids = repository.otherVersions(deliveryIds);
        Map<Long, Brief> out = briefs.mailableByIds(ids.values().stream().flatMap(m -> m.values().stream())
                        .flatMap(List::stream).collect(Collectors.toSet())).stream()
                .filter(b -> b.state() == BriefState.PUBLISHED)
                .collect(Collectors.toMap(Brief::id, Function.identity()));
        Map<Long, Map<Long, List<Brief>>> result = new HashMap<>();
        ids.forEach((delivery, byBrief) -> byBrief.forEach((brief, versions) -> {
            List<Brief> shown = versions.stream().map(out::get).filter(java.util.Objects::nonNull).toList();
            if (!shown.isEmpty()) {
                result.computeIfAbsent(delivery, k -> new HashMap<>()).put(brief, shown);
            }
        }));
        return result;
    }
}
