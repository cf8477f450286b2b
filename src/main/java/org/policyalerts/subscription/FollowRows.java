package org.policyalerts.subscription;

import java.time.Instant;
import java.util.Set;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.stereotype.Component;

/** Turns follows into subscription rows (taxonomy ids, 0 for ANY); confirmation and the preference centre share it. */
@Component
class FollowRows {

    private final SubscriptionRepository repository;
    private final Taxonomy taxonomy;

    FollowRows(SubscriptionRepository repository, Taxonomy taxonomy) {
        this.repository = repository;
        this.taxonomy = taxonomy;
    }

    /** Makes the reader's rows exactly {@code follows}; rows kept keep their creation time. */
    void replace(long subscriberId, Set<Follow> follows, Instant now) {
        repository.replaceFollows(subscriberId,
                follows.stream().map(f -> key(Term.Kind.TOPIC, f.topic())).toArray(Integer[]::new),
                follows.stream().map(f -> key(Term.Kind.REGION, f.region())).toArray(Integer[]::new),
                now);
    }

    /** The id of a known slug, 0 for ANY; an unknown slug is the caller's bug (forms are validated first). */
    int key(Term.Kind kind, String slug) {
        return slug == null ? 0 : taxonomy.bySlug(kind, slug).orElseThrow().id();
    }
}
