package org.policyalerts.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topics and regions, held in memory: the list is short, read on every page and every digest.
 * At startup it is brought in line with {@code taxonomy.json} (new slugs added, names and aliases updated).
 */
@Service
public class Taxonomy {

    private final Map<Term.Kind, Map<String, Term>> bySlug = new LinkedHashMap<>();
    private final Map<Term.Kind, Map<Integer, Term>> byId = new LinkedHashMap<>();

    Taxonomy(TaxonomyRepository repository, TransactionTemplate tx,
            @Value("classpath:taxonomy.json") Resource source) throws IOException {
        TaxonomyFile file;
        try (InputStream in = source.getInputStream()) {
            file = JsonMapper.builder().build().readValue(in, TaxonomyFile.class);
        }
        tx.executeWithoutResult(status -> {
            file.topics().forEach(t -> repository.upsert(Term.Kind.TOPIC, t.slug(), t.name(), t.aliasesOrEmpty()));
            file.regions().forEach(r -> repository.upsert(Term.Kind.REGION, r.slug(), r.name(), r.aliasesOrEmpty()));
        });
        for (Term.Kind kind : Term.Kind.values()) {
            Map<String, Term> slugs = new LinkedHashMap<>();
            Map<Integer, Term> ids = new LinkedHashMap<>();
            for (Term term : repository.findAll(kind)) {
                slugs.put(term.slug(), term);
                ids.put(term.id(), term);
            }
            bySlug.put(kind, slugs);
            byId.put(kind, ids);
        }
    }

    record TaxonomyFile(List<Entry> topics, List<Entry> regions) {
        record Entry(String slug, String name, List<String> aliases) {
            List<String> aliasesOrEmpty() {
                return aliases == null ? List.of() : aliases;
            }
        }
    }

    /** In display order (by name). */
    public Collection<Term> all(Term.Kind kind) {
        return bySlug.get(kind).values();
    }

    public Optional<Term> bySlug(Term.Kind kind, String slug) {
        return Optional.ofNullable(bySlug.get(kind).get(slug));
    }

    public Optional<Term> byId(Term.Kind kind, int id) {
        return Optional.ofNullable(byId.get(kind).get(id));
    }

    /** The slugs in the list that are not known, in the order given. */
    public List<String> unknown(Term.Kind kind, Collection<String> slugs) {
        return slugs.stream().filter(s -> !bySlug.get(kind).containsKey(s)).distinct().toList();
    }

    /** The display name of a slug, or the slug itself if it has since left the taxonomy. */
    public String name(Term.Kind kind, String slug) {
        return bySlug(kind, slug).map(Term::name).orElse(slug);
    }
}
