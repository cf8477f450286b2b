package org.policyalerts.digest;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.policyalerts.brief.Brief;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.delivery.MailTemplates;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.FollowNames;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.TextDirection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders the digest a given reader gets for given briefs, from templates/mail/digest.html and digest.txt.
 * The outbox mails exactly this; staff previews and test mails show it. It reads nothing from the database.
 */
@Component
public final class DigestRenderer {

    private static final int SUBJECT_TAGS = 2;

    private final FollowNames followNames;
    private final Taxonomy taxonomy;
    private final MailTemplates templates;
    private final MessageSource messages;
    private final AlertsProperties alerts;
    private final DigestProperties properties;

    DigestRenderer(FollowNames followNames, Taxonomy taxonomy, MailTemplates templates, MessageSource messages,
            AlertsProperties alerts, DigestProperties properties) {
        this.followNames = followNames;
        this.taxonomy = taxonomy;
        this.templates = templates;
        this.messages = messages;
        this.alerts = alerts;
        this.properties = properties;
    }

    /** One brief as a digest shows it. */
    record Item(String title, String url, String type, String authors, String date, String summary, List<String> tags) {
    }

    /** The digest for {@code recipient} carrying {@code briefs} (at least one), newest first. */
    public RenderedDigest render(DigestRecipient recipient, List<Brief> briefs) {
        return batch().render(recipient, briefs);
    }

    /** For many readers at once: readers of a batch mostly share briefs and language, so each is laid out once. */
    Batch batch() {
        return new Batch();
    }

    final class Batch {

        private final Map<Locale, Map<Long, Item>> items = new HashMap<>();

        private Batch() {
        }

        RenderedDigest render(DigestRecipient recipient, List<Brief> briefs) {
            if (briefs.isEmpty()) {
                throw new IllegalArgumentException("A digest carries at least one brief");
            }
            Locale locale = recipient.locale();
            List<Brief> digest = briefs.stream().sorted(Comparator.comparing(Brief::publishedAt).reversed()).toList();
            Map<Long, Item> shown = items.computeIfAbsent(locale, l -> new HashMap<>());
            List<Item> digestItems = digest.stream().map(b -> shown.computeIfAbsent(b.id(), id -> item(b, locale))).toList();
            String unsubscribeUrl = alerts.link(recipient.unsubscribePath());
            String subject = subject(digest, recipient.follows(), locale);
            Map<String, Object> variables = new HashMap<>();
            variables.put("subject", subject);
            variables.put("items", digestItems);
            variables.put("follows", followNames.describe(recipient.follows(), locale));
            variables.put("unsubscribeUrl", unsubscribeUrl);
            variables.put("subscribeUrl", alerts.link("/subscribe"));
            variables.put("publisherName", alerts.publisherName());
            variables.put("postalAddress", alerts.postalAddress());
            variables.put("dir", TextDirection.of(locale));
            MailTemplates.Rendered body = templates.render("digest", locale, variables);
            return new RenderedDigest(subject, body.html(), body.text(), unsubscribeUrl);
        }
    }

    private Item item(Brief brief, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(properties.zone());
        return new Item(brief.title(), brief.url(), brief.type(), String.join(", ", brief.authors()),
                date.format(brief.publishedAt()), brief.summary(), tags(brief).map(Term::name).toList());
    }

    private Stream<Term> tags(Brief brief) {
        return Stream.concat(brief.topics().stream().map(s -> taxonomy.bySlug(Term.Kind.TOPIC, s)),
                brief.regions().stream().map(s -> taxonomy.bySlug(Term.Kind.REGION, s))).flatMap(Optional::stream);
    }

    /**
     * "3 new briefs: Iran, Energy and Economics". The tags named are those the reader follows first, then
     * the most frequent in the digest.
     */
    private String subject(List<Brief> digest, Collection<Follow> follows, Locale locale) {
        Set<Term> followed = follows.stream()
                .flatMap(f -> Stream.of(taxonomy.bySlug(Term.Kind.TOPIC, f.topic()),
                        taxonomy.bySlug(Term.Kind.REGION, f.region())))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        Map<Term, Long> counts = new LinkedHashMap<>();
        digest.stream().flatMap(this::tags).forEach(tag -> counts.merge(tag, 1L, Long::sum));
        List<String> leading = counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Term, Long>, Boolean>comparing(e -> !followed.contains(e.getKey()))
                        .thenComparing(Map.Entry.comparingByValue(Comparator.reverseOrder())))
                .limit(SUBJECT_TAGS)
                .map(e -> e.getKey().name())
                .toList();
        return leading.isEmpty()
                ? messages.getMessage("mail.digest.subject.untagged", new Object[] {digest.size()}, locale)
                : messages.getMessage("mail.digest.subject", new Object[] {digest.size(), String.join(", ", leading)}, locale);
    }
}
