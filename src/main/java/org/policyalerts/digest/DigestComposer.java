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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.Briefs;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.delivery.Claim;
import org.policyalerts.delivery.Composer;
import org.policyalerts.delivery.Mail;
import org.policyalerts.delivery.MailTemplates;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.FollowNames;
import org.policyalerts.subscription.Reader;
import org.policyalerts.subscription.Readers;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.TextDirection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds each reader's digest from templates/mail/digest.html and digest.txt. A batch costs four queries
 * (its briefs, their details, the readers, what they follow) whatever its size.
 */
@Component
class DigestComposer implements Composer {

    private static final int SUBJECT_TAGS = 2;

    private final DigestRepository repository;
    private final Briefs briefs;
    private final Readers readers;
    private final FollowNames followNames;
    private final Taxonomy taxonomy;
    private final MailTemplates templates;
    private final MessageSource messages;
    private final AlertsProperties alerts;
    private final DigestProperties properties;

    DigestComposer(DigestRepository repository, Briefs briefs, Readers readers, FollowNames followNames,
            Taxonomy taxonomy, MailTemplates templates, MessageSource messages, AlertsProperties alerts,
            DigestProperties properties) {
        this.repository = repository;
        this.briefs = briefs;
        this.readers = readers;
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

    @Override
    public Map<Long, Mail> compose(List<Claim> claims) {
        Map<Long, List<Long>> briefIds = repository.briefIdsByDelivery(
                claims.stream().map(Claim::deliveryId).toArray(Long[]::new));
        Map<Long, Brief> briefById = briefs.byIds(briefIds.values().stream().flatMap(List::stream).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Brief::id, Function.identity()));
        Set<Long> subscriberIds = claims.stream().map(Claim::subscriberId).collect(Collectors.toSet());
        Map<Long, Reader> active = readers.active(subscriberIds);
        Map<Long, List<Follow>> follows = readers.follows(subscriberIds);
        Map<Locale, Map<Long, Item>> items = new HashMap<>();
        Map<Long, Mail> mails = new HashMap<>();
        for (Claim claim : claims) {
            Reader reader = active.get(claim.subscriberId());
            List<Brief> digest = briefIds.getOrDefault(claim.deliveryId(), List.of()).stream()
                    .map(briefById::get)
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(Brief::publishedAt).reversed())
                    .toList();
            if (reader != null && !digest.isEmpty()) {
                // readers of a batch mostly share briefs and language: each brief is laid out once per language
                Map<Long, Item> shown = items.computeIfAbsent(reader.locale(), locale -> new HashMap<>());
                List<Item> digestItems = digest.stream()
                        .map(b -> shown.computeIfAbsent(b.id(), id -> item(b, reader.locale()))).toList();
                mails.put(claim.deliveryId(), mail(claim, reader, digest, digestItems,
                        follows.getOrDefault(claim.subscriberId(), List.of())));
            }
        }
        return mails;
    }

    private Mail mail(Claim claim, Reader reader, List<Brief> digest, List<Item> items, List<Follow> follows) {
        Locale locale = reader.locale();
        String unsubscribeUrl = alerts.link(reader.unsubscribePath());
        String subject = subject(digest, follows, locale);
        Map<String, Object> variables = new HashMap<>();
        variables.put("subject", subject);
        variables.put("items", items);
        variables.put("follows", followNames.describe(follows, locale));
        variables.put("unsubscribeUrl", unsubscribeUrl);
        variables.put("subscribeUrl", alerts.link("/subscribe"));
        variables.put("publisherName", alerts.publisherName());
        variables.put("postalAddress", alerts.postalAddress());
        variables.put("dir", TextDirection.of(locale));
        MailTemplates.Rendered body = templates.render("digest", locale, variables);
        return new Mail(claim.messageId(), reader.email(), subject, body.html(), body.text(), unsubscribeUrl);
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
