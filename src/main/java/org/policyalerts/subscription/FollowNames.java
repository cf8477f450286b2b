package org.policyalerts.subscription;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says in words what a reader follows, for pages and for the "why you get this" line of every mail: in the
 * locale's language, each topic and region by its name in that language (English where it has none).
 */
@Component
public class FollowNames {

    private final Taxonomy taxonomy;
    private final MessageSource messages;

    FollowNames(Taxonomy taxonomy, MessageSource messages) {
        this.taxonomy = taxonomy;
        this.messages = messages;
    }

    /** E.g. "Energy and Economics in Iran; Iran", in the order of the language's alphabet. */
    public String describe(Collection<Follow> follows, Locale locale) {
        Comparator<Object> alphabetical = Collator.getInstance(ULocale.forLocale(locale));
        return follows.stream().map(f -> describe(f, locale)).sorted(alphabetical)
                .collect(Collectors.joining(messages.getMessage("follow.separator", null, locale) + " "));
    }

    private String describe(Follow follow, Locale locale) {
        if (follow.topic() == null && follow.region() == null) {
            return messages.getMessage("follow.everything", null, locale);
        }
        if (follow.region() == null) {
            return taxonomy.name(Term.Kind.TOPIC, follow.topic(), locale);
        }
        if (follow.topic() == null) {
            return taxonomy.name(Term.Kind.REGION, follow.region(), locale);
        }
        return messages.getMessage("follow.topic-in-region", new Object[] {taxonomy.name(Term.Kind.TOPIC,
                follow.topic(), locale), taxonomy.name(Term.Kind.REGION, follow.region(), locale)}, locale);
    }
}
