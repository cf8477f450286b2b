package org.policyalerts.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topics and regions, held in memory: the list is short, read on every page and every digest. The database is
 * the source of truth: {@code alerts.taxonomy.seed} (taxonomy.json) is loaded into an empty database once, and
 * after that staff edit terms at /admin/taxonomy. The copy is reloaded after a change on this instance, and
 * {@link TaxonomyRefresher} reloads it when another instance (or a migration) changed the taxonomy.
 */
@Service
public class Taxonomy {

    private record Snapshot(long version, Map<Term.Kind, Map<String, Term>> bySlug,
            Map<Term.Kind, Map<Integer, Term>> byId) {
    }

    private final TaxonomyRepository repository;
    private volatile Snapshot snapshot;

    Taxonomy(TaxonomyRepository repository, TransactionTemplate tx, TaxonomyProperties properties, Clock clock)
            throws IOException {
        this.repository = repository;
        TaxonomyFile file;
        try (InputStream in = properties.seed().getInputStream()) {
            file = JsonMapper.builder().build().readValue(in, TaxonomyFile.class);
        }
        tx.executeWithoutResult(status -> {
            if (repository.claimSeeding(clock.instant())) {
                file.topics().forEach(t -> repository.insert(Term.Kind.TOPIC, t.slug(), t.name(), t.namesOrEmpty(),
                        t.aliasesOrEmpty()));
                file.regions().forEach(r -> repository.insert(Term.Kind.REGION, r.slug(), r.name(), r.namesOrEmpty(),
                        r.aliasesOrEmpty()));
            }
        });
        reload();
    }

    record TaxonomyFile(List<Entry> topics, List<Entry> regions) {
        record Entry(String slug, String name, Map<String, String> names, List<String> aliases) {
            List<String> aliasesOrEmpty() {
                return aliases == null ? List.of() : aliases;
            }

            Map<String, String> namesOrEmpty() {
                return names == null ? Map.of() : names;
            }
        }
    }

    /** Reads the whole taxonomy again. The version is read first: a change committed meanwhile reloads once more. */
    void reload() {
        long version = repository.version();
        Map<Term.Kind, Map<String, Term>> slugs = new EnumMap<>(Term.Kind.class);
        Map<Term.Kind, Map<Integer, Term>> ids = new EnumMap<>(Term.Kind.class);
        for (Term.Kind kind : Term.Kind.values()) {
            Map<String, Term> bySlug = new LinkedHashMap<>();
            Map<Integer, Term> byId = new LinkedHashMap<>();
            for (Term term : repository.findAll(kind)) {
                bySlug.put(term.slug(), term);
                byId.put(term.id(), term);
            }
            slugs.put(kind, bySlug);
            ids.put(kind, byId);
        }
        snapshot = new Snapshot(version, slugs, ids);
    }

    /** One cheap query; the whole taxonomy only when its version moved. */
    void refreshIfChanged() {
        if (repository.version() != snapshot.version()) {
            reload();
        }
    }

    /** The terms on offer (to sign-up forms, brief pickers, preference pages), in display order (by name). */
    public List<Term> all(Term.Kind kind) {
        return snapshot.bySlug().get(kind).values().stream().filter(t -> !t.retired()).toList();
    }

    /** The terms on offer to a reader of the locale's language, in its alphabetical order of their names in it. */
    public List<Term> all(Term.Kind kind, Locale locale) {
        Collator alphabetical = Collator.getInstance(ULocale.forLocale(locale));
        return all(kind).stream().sorted(Comparator.comparing(t -> t.name(locale), alphabetical)).toList();
    }

    /** Every term, retired ones included, in display order. */
    public Collection<Term> withRetired(Term.Kind kind) {
        return snapshot.bySlug().get(kind).values();
    }

    /** Retired terms too: old briefs and readers' follows still name them. */
    public Optional<Term> bySlug(Term.Kind kind, String slug) {
        return Optional.ofNullable(snapshot.bySlug().get(kind).get(slug));
    }

    public Optional<Term> byId(Term.Kind kind, int id) {
        return Optional.ofNullable(snapshot.byId().get(kind).get(id));
    }

    /** The slugs in the list that are not in the taxonomy at all (retired terms are known), in the order given. */
    public List<String> unknown(Term.Kind kind, Collection<String> slugs) {
        return slugs.stream().filter(s -> bySlug(kind, s).isEmpty()).distinct().toList();
    }

    /** The slugs in the list that cannot be chosen any more: unknown or retired, in the order given. */
    public List<String> notOffered(Term.Kind kind, Collection<String> slugs) {
        return slugs.stream().filter(s -> bySlug(kind, s).map(Term::retired).orElse(true)).distinct().toList();
    }

    /** The display name of a slug, or the slug itself if it has since left the taxonomy. */
    public String name(Term.Kind kind, String slug) {
        return bySlug(kind, slug).map(Term::name).orElse(slug);
    }

    /** The name in the locale's language (English if it has none), or the slug if it left the taxonomy. */
    public String name(Term.Kind kind, String slug, Locale locale) {
        return bySlug(kind, slug).map(t -> t.name(locale)).orElse(slug);
    }
}
