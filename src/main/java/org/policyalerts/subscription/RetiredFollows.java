package org.policyalerts.subscription;

import java.util.List;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.stereotype.Component;

/**
 * A reader's follows that name a retired topic or region. They keep those rows (nothing is taken from them
 * unasked), but briefs that arrive after the retirement no longer match on the retired term; the preference page
 * and the staff's reader page say so.
 */
@Component
public class RetiredFollows {

    private final SubscriptionRepository repository;
    private final Taxonomy taxonomy;

    RetiredFollows(SubscriptionRepository repository, Taxonomy taxonomy) {
        this.repository = repository;
        this.taxonomy = taxonomy;
    }

    public List<Follow> of(long readerId) {
        return repository.follows(List.of(readerId)).getOrDefault(readerId, List.of()).stream()
                .filter(this::retired)
                .toList();
    }

    boolean retired(Follow follow) {
        return retired(Term.Kind.TOPIC, follow.topic()) || retired(Term.Kind.REGION, follow.region());
    }

    private boolean retired(Term.Kind kind, String slug) {
        return slug != null && taxonomy.bySlug(kind, slug).map(Term::retired).orElse(false);
    }
}
