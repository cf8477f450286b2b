package org.policyalerts.digest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.policyalerts.brief.Brief;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.delivery.MailTemplates;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.FollowNames;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.LocalDates;
import org.policyalerts.web.TextDirection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders the digest a given reader gets for given briefs, from templates/mail/digest.html and digest.txt.
 * The outbox mails exactly this; staff previews and test mails show it. It reads nothing from the database.
 */
@Component
public final class DigestRenderer {

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

    /**
     * An item in one reader's digest: why it is there ("because you follow Iran", the reader's follow that matched
     * the brief) and the link that stops just that follow, both null when no follow matches (a preview); and the
     * brief's other language versions that the reader takes ("Also in: العربية · فارسی").
     */
    record Entry(Item item, String because, String stopUrl, List<Version> alsoIn) {
    }

    /** Another language version of a brief: its language code, the language's name in itself, its address. */
    record Version(String language, String name, String url) {
    }

    /** The digest for {@code recipient} carrying {@code briefs} (at least one), newest first. */
    public RenderedDigest render(DigestRecipient recipient, List<Brief> briefs) {
        return render(recipient, briefs, Map.of());
    }

    /** As {@link #render(DigestRecipient, List)}, each brief linking to its {@code otherVersions} (by brief id). */
    public RenderedDigest render(DigestRecipient recipient, List<Brief> briefs, Map<Long, List<Brief>> otherVersions) {
        return batch().render(recipient, briefs, otherVersions, null);
    }

    /** For many readers at once: readers of a batch mostly share briefs and language, so each is laid out once. */
    Batch batch() {
        return new Batch();
    }

    final class Batch {

        private final Map<Locale, Map<Long, Item>> items = new HashMap<>();

        private Batch() {
        }

        /**
         * {@code otherVersions}: by brief id, the other language versions to link to; {@code webPath}: the digest's
         * web version ("view in your browser"), null for a digest without one.
         */
        RenderedDigest render(DigestRecipient recipient, List<Brief> briefs, Map<Long, List<Brief>> otherVersions,
                String webPath) {
            if (briefs.isEmpty()) {
                throw new IllegalArgumentException("A digest carries at least one brief");
            }
            Locale locale = recipient.locale();
            List<Brief> digest = briefs.stream().sorted(Comparator.comparing(Brief::publishedAt).reversed()).toList();
            Map<Long, Item> shown = items.computeIfAbsent(locale, l -> new HashMap<>());
            List<Entry> entries = digest.stream()
                    .map(b -> entry(shown.computeIfAbsent(b.id(), id -> item(b, locale)), b, recipient,
                            versions(otherVersions.getOrDefault(b.id(), List.of()), locale)))
                    .toList();
            String unsubscribeUrl = alerts.link(recipient.unsubscribePath());
            String subject = subject(digest, locale);
            Map<String, Object> variables = new HashMap<>();
            variables.put("subject", subject);
            variables.put("entries", entries);
            variables.put("follows", followNames.describe(recipient.follows(), locale));
            variables.put("unsubscribeUrl", unsubscribeUrl);
            variables.put("preferencesUrl", alerts.link(recipient.preferencesPath()));
            variables.put("webUrl", webPath == null ? null : alerts.link(webPath));
            variables.put("publisherName", alerts.publisherName());
            variables.put("postalAddress", alerts.postalAddress());
            variables.put("dir", TextDirection.of(locale));
            MailTemplates.Rendered body = templates.render("digest", locale, variables);
            return new RenderedDigest(subject, body.html(), body.text(), unsubscribeUrl);
        }

        private Entry entry(Item item, Brief brief, DigestRecipient recipient, List<Version> alsoIn) {
            return reason(brief, recipient.follows())
                    .map(f -> new Entry(item, followNames.describe(List.of(f), recipient.locale()),
                            alerts.link(recipient.preferencesPath() + "/stop?follow="
                                    + URLEncoder.encode(f.param(), StandardCharsets.UTF_8)), alsoIn))
                    .orElseGet(() -> new Entry(item, null, null, alsoIn));
        }
    }

    /** Each language named by its message key (language.ar), the code itself when there is none; by code. */
    private List<Version> versions(List<Brief> versions, Locale locale) {
        return versions.stream().sorted(Comparator.comparing(Brief::language))
                .map(v -> new Version(v.language(),
                        messages.getMessage("language." + v.language(), null, v.language(), locale), v.url()))
                .toList();
    }

    /**
     * The follow to name as the reason for a brief: of those that match it, the most specific (a topic in a
     * region before a topic or a region alone, before "everything"), so the stop link stops the narrowest thing;
     * among equals, the first by name, so the same digest always reads the same.
     */
    static Optional<Follow> reason(Brief brief, List<Follow> follows) {
        return follows.stream()
                .filter(f -> f.matches(brief.topics(), brief.regions()))
                .max(Comparator.<Follow>comparingInt(f -> (f.topic() == null ? 0 : 1) + (f.region() == null ? 0 : 1))
                        .thenComparing(Follow::param, Comparator.reverseOrder()));
    }

    private Item item(Brief brief, Locale locale) {
        return new Item(brief.title(), brief.url(), brief.type(), String.join(", ", brief.authors()),
                LocalDates.date(brief.publishedAt(), properties.zone(), locale), brief.summary(),
                tags(brief).map(t -> t.name(locale)).toList());
    }

    private Stream<Term> tags(Brief brief) {
        return Stream.concat(brief.topics().stream().map(s -> taxonomy.bySlug(Term.Kind.TOPIC, s)),
                brief.regions().stream().map(s -> taxonomy.bySlug(Term.Kind.REGION, s))).flatMap(Optional::stream);
    }

    /**
     * An alert with one brief is titled by that brief. A digest names the count and the newest title (the item it
     * shows first): "3 new briefs: What Does Iran's Supreme Leader Expect… and 2 more", counted by the plural
     * rules of the reader's language.
     */
    private String subject(List<Brief> digest, Locale locale) {
        String leading = digest.get(0).title();
        return digest.size() == 1 ? leading : messages.getMessage("mail.digest.subject",
                new Object[] {digest.size(), leading, digest.size() - 1}, locale);
    }
}
