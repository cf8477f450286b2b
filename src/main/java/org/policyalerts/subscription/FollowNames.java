package org.policyalerts.subscription;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Says in words what a reader follows, for pages and for the "why you get this" line of every mail. */
@Component
public class FollowNames {

    private final Taxonomy taxonomy;
    private final MessageSource messages;

    FollowNames(Taxonomy taxonomy, MessageSource messages) {
        this.taxonomy = taxonomy;
        this.messages = messages;
    }

    /** E.g. "Energy and Economics in Iran; Iran". */
    public String describe(Collection<Follow> follows, Locale locale) {
        return follows.stream().map(f -> describe(f, locale)).sorted().collect(Collectors.joining("; "));
    }

    private String describe(Follow follow, Locale locale) {
        if (follow.topic() == null && follow.region() == null) {
            return messages.getMessage("follow.everything", null, locale);
        }
        if (follow.region() == null) {
            return taxonomy.name(Term.Kind.TOPIC, follow.topic());
        }
        if (follow.topic() == null) {
            return taxonomy.name(Term.Kind.REGION, follow.region());
        }
        return messages.getMessage("follow.topic-in-region", new Object[] {
                taxonomy.name(Term.Kind.TOPIC, follow.topic()), taxonomy.name(Term.Kind.REGION, follow.region())}, locale);
    }
}
