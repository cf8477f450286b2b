package org.policyalerts.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.BriefState;
import org.policyalerts.brief.Briefs;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Registering and polling feeds. A poll claims its feed in the database first, so one poll of one feed runs at a
 * time across instances; everything that goes wrong is recorded on the feed (status failed, last error) and never
 * thrown to the caller, so one broken or hostile feed never stops the others.
 */
@Service
class Feeds {

    private static final Logger log = LoggerFactory.getLogger(Feeds.class);

    private final FeedRepository repository;
    private final FeedProperties properties;
    private final FeedFetcher fetcher;
    private final Briefs briefs;
    private final Taxonomy taxonomy;
    private final Clock clock;

    Feeds(FeedRepository repository, FeedProperties properties, Briefs briefs, Taxonomy taxonomy, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.fetcher = new FeedFetcher(properties);
        this.briefs = briefs;
        this.taxonomy = taxonomy;
        this.clock = clock;
    }

    Feed register(String url, String language, String mode) {
        List<String> problems = new ArrayList<>();
        try {
            FeedFetcher.parse(url == null ? "" : url.trim());
        } catch (FeedFetcher.FetchFailed e) {
            problems.add("url must be an absolute http(s) URL");
        }
        if (language == null || !language.matches("[a-z]{2}")) {
            problems.add("language must be a two-letter language code such as en, ar or fa");
        }
        Optional<FeedMode> feedMode = FeedMode.parse(mode);
        if (feedMode.isEmpty()) {
            problems.add("mode must be publish or review");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return repository.insert(url.trim(), language, feedMode.get(), clock.instant());
    }

    Optional<Feed> find(long id) {
        return repository.find(id);
    }

    List<Feed> all() {
        return repository.findAll();
    }

    List<FeedRepository.Mapping> categories(long feedId) {
        return repository.categories(feedId);
    }

    /** Polls every feed not polled within the interval (the schedule); each one on its own. */
    void pollDue() {
        Instant dueBefore = clock.instant().minus(properties.pollInterval()).plusSeconds(1);
        for (long id : repository.ids()) {
            poll(id, dueBefore);
        }
    }

    /** Polls the feed now unless another poll holds it; empty if there is no such feed. */
    Optional<Feed> pollNow(long id) {
        poll(id, null);
        return repository.find(id);
    }

    private void poll(long id, Instant dueBefore) {
        Optional<FeedRepository.Claimed> claimed = repository.claim(id, clock.instant(), properties.lease(), dueBefore);
        if (claimed.isEmpty()) {
            return;
        }
        Feed feed = claimed.get().feed();
        Instant lease = claimed.get().leaseUntil();
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch(feed.url(), claimed.get().etag(), claimed.get().lastModified());
            if (fetched.notModified()) {
                repository.finish(id, lease, FeedStatus.NOT_MODIFIED, clock.instant(), 0, 0, null, fetched.etag(),
                        fetched.lastModified());
                return;
            }
            Outcome outcome = take(feed, FeedParser.parse(fetched.body(), fetched.contentType()));
            repository.finish(id, lease, FeedStatus.OK, clock.instant(), outcome.added, outcome.updated,
                    outcome.problems.isEmpty() ? null : String.join("; ", outcome.problems), fetched.etag(),
                    fetched.lastModified());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            repository.finish(id, lease, FeedStatus.FAILED, clock.instant(), 0, 0, "Interrupted", null, null);
        } catch (FeedFetcher.FetchFailed e) {
            fail(feed, lease, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            fail(feed, lease, "Not a feed we can read: " + e.getMessage());
        }
    }

    private void fail(Feed feed, Instant lease, String error) {
        String shown = error.length() > 1000 ? error.substring(0, 1000) + "…" : error;
        log.warn("Feed {} failed: {}", feed.id(), shown);
        repository.finish(feed.id(), lease, FeedStatus.FAILED, clock.instant(), 0, 0, shown, null, null);
    }

    private static final class Outcome {
        int added;
        int updated;
        final List<String> problems = new ArrayList<>();
    }

    /** Items seen before with the same content are skipped; new ones are added, edited ones update their brief. */
    private Outcome take(Feed feed, List<FeedParser.Item> items) {
        Outcome outcome = new Outcome();
        Map<String, FeedRepository.Mapping> lookup = lookup(feed.id());
        for (FeedParser.Item item : items) {
            Set<String> topics = new LinkedHashSet<>();
            Set<String> regions = new LinkedHashSet<>();
            for (String category : item.categories()) {
                FeedRepository.Mapping mapping = lookup.get(FeedParser.lower(category));
                if (mapping == null) {
                    repository.noteUnmapped(feed.id(), FeedParser.lower(category));
                } else {
                    (mapping.kind() == Term.Kind.TOPIC ? topics : regions).add(mapping.slug());
                }
            }
            String hash = item.hash(topics, regions);
            Optional<FeedRepository.Known> known = repository.item(feed.id(), item.key());
            if (known.isPresent() && known.get().hash().equals(hash)) {
                continue;
            }
            String externalId = "feed:" + feed.id() + ":" + item.key();
            BriefInput input = new BriefInput(externalId, item.link(), null, item.title(),
                    item.summary(), List.of(), item.publishedAt() == null ? clock.instant() : item.publishedAt(),
                    feed.language(), List.copyOf(topics), List.copyOf(regions),
                    state(feed, known.map(FeedRepository.Known::briefId).orElse(null)), null,
                    originalOf(feed, externalId, item.translationUrl()));
            try {
                Briefs.Published published = briefs.publish(input);
                repository.saveItem(feed.id(), item.key(), published.brief().id(), hash, item.translationUrl());
                if (published.created()) {
                    outcome.added++;
                } else {
                    outcome.updated++;
                }
            } catch (InvalidInputException e) {
                outcome.problems.add("item " + item.key() + ": " + String.join(", ", e.problems()));
            }
        }
        return outcome;
    }

    /**
     * The brief an item translates: its alternate-language link leads to a brief we have (from any feed, the API or
     * staff), in another language, so the item is a translation of that brief's original. Whichever version
     * arrived first is the original; when the original is polled again its link leads to its own translation,
     * whose original is the item itself, so it stays an original.
     */
    private String originalOf(Feed feed, String externalId, String translationUrl) {
        return translationUrl == null ? null : briefs.atUrl(translationUrl)
                .filter(b -> !b.language().equals(feed.language()))
                .map(b -> b.translationOf() != null ? b.translationOf() : b.externalId())
                .filter(original -> !original.equals(externalId))
                .orElse(null);
    }

    /**
     * Review mode makes drafts, but an edit of an item whose draft staff already published keeps it published (a
     * retracted brief stays retracted whatever is asked: Briefs sees to that).
     */
    private String state(Feed feed, Long briefId) {
        boolean staffPublished = briefId != null
                && briefs.find(briefId).map(b -> b.state() != BriefState.DRAFT).orElse(false);
        return feed.mode() == FeedMode.PUBLISH || staffPublished ? BriefState.PUBLISHED.code() : BriefState.DRAFT.code();
    }

    /**
     * Category (lower-cased) to term: every term's slug, English name, names in other languages and aliases, then
     * the mappings staff made for this feed, which win.
     */
    private Map<String, FeedRepository.Mapping> lookup(long feedId) {
        Map<String, FeedRepository.Mapping> lookup = new HashMap<>();
        for (Term.Kind kind : Term.Kind.values()) {
            for (Term term : taxonomy.all(kind)) {
                List<String> labels = new ArrayList<>(List.of(term.slug(), term.name()));
                labels.addAll(term.names().values());
                labels.addAll(term.aliases());
                for (String label : labels) {
                    lookup.putIfAbsent(FeedParser.lower(FeedParser.text(label)),
                            new FeedRepository.Mapping(label, kind, term.slug()));
                }
            }
        }
        repository.categories(feedId).stream().filter(FeedRepository.Mapping::mapped)
                .forEach(m -> lookup.put(m.category(), m));
        return lookup;
    }

    /** Maps a category of the feed to a term; false if the feed never had that category or the term is unknown. */
    boolean map(long feedId, String category, Term.Kind kind, String slug) {
        return taxonomy.bySlug(kind, slug).isPresent() && repository.map(feedId, category, kind, slug);
    }
}
