package org.policyalerts.brief;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Publishing and reading briefs, whoever hands them in (API, admin UI, feed). */
@Service
public class Briefs {

    private final BriefRepository repository;
    private final Taxonomy taxonomy;
    private final Validator validator;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    Briefs(BriefRepository repository, Taxonomy taxonomy, Validator validator, Clock clock,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.taxonomy = taxonomy;
        this.validator = validator;
        this.clock = clock;
        this.events = events;
    }

    public record Published(Brief brief, boolean created) {
    }

    /**
     * Creates the brief, or updates the one with the same external id. Its tags are replaced. A retracted brief
     * stays retracted. A translation is stored against the root original, and takes along any translations it had.
     * Not audited: for briefs no one on the staff handed in (the feed).
     */
    @Transactional
    public Published publish(BriefInput input) {
        return save(input, false);
    }

    /**
     * {@link #publish} for a member of staff: recorded as a {@link StaffAction} in the same transaction, unless it
     * changed nothing (the same form or request sent again).
     */
    @Transactional
    public Published publishByStaff(BriefInput input) {
        return save(input, true);
    }

    private Published save(BriefInput input, boolean audited) {
        List<Problem> problems = problems(input);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().map(Problem::text).sorted().toList());
        }
        Optional<Brief> before = audited ? repository.idOf(input.externalId()).flatMap(this::find) : Optional.empty();
        Long originalId = input.translationOf() == null ? null : original(input).orElseThrow().id();
        BriefRepository.Upserted saved = repository.upsert(input, originalId, clock.instant());
        if (originalId != null) {
            repository.moveTranslations(saved.id(), originalId);
        }
        repository.replaceTags(saved.id(), input.topics(), input.regions());
        Brief brief = find(saved.id()).orElseThrow();
        if (brief.state().mailable()) {
            events.publishEvent(new BriefPublished(brief.id(), brief.urgent()));
        }
        if (audited && !before.map(b -> b.asShown().equals(brief.asShown())).orElse(false)) {
            events.publishEvent(StaffAction.now(saved.created() ? "brief.created" : "brief.updated",
                    "brief " + brief.id(), brief.state().code() + (brief.urgent() ? ", urgent" : "") + ": " + brief.title()));
        }
        return new Published(brief, saved.created());
    }

    /** What is wrong with {@code input}, each naming the field it is about (without any index: "authors"). */
    List<Problem> problems(BriefInput input) {
        List<Problem> problems = new ArrayList<>();
        for (ConstraintViolation<BriefInput> v : validator.validate(input)) {
            String path = v.getPropertyPath().toString();
            problems.add(new Problem(path.replaceAll("[\\[.].*", ""), path + " " + v.getMessage()));
        }
        List<String> unknownTopics = taxonomy.unknown(Term.Kind.TOPIC, input.topics());
        if (!unknownTopics.isEmpty()) {
            problems.add(new Problem("topics", "unknown topics: " + String.join(", ", unknownTopics)));
        }
        List<String> unknownRegions = taxonomy.unknown(Term.Kind.REGION, input.regions());
        if (!unknownRegions.isEmpty()) {
            problems.add(new Problem("regions", "unknown regions: " + String.join(", ", unknownRegions)));
        }
        if (input.translationOf() != null && problems.stream().noneMatch(p -> p.field().equals("translationOf"))) {
            translationProblem(input).ifPresent(problems::add);
        }
        return problems;
    }

    /** What is wrong with the original {@code input} names, if anything: it must exist and be another brief. */
    private Optional<Problem> translationProblem(BriefInput input) {
        String named = input.translationOf();
        Optional<BriefRepository.Original> original = original(input);
        String wrong;
        if (named.equals(input.externalId())
                || original.filter(o -> o.externalId().equals(input.externalId())).isPresent()) {
            wrong = "must name another brief: a brief cannot be a translation of itself";
        } else if (original.isEmpty()) {
            wrong = "names no known brief: " + named;
        } else if (original.get().takenBy() != null) {
            wrong = "names a brief that already has a version in " + input.language() + ": "
                    + original.get().takenBy();
        } else {
            return Optional.empty();
        }
        return Optional.of(new Problem("translationOf", "translationOf " + wrong));
    }

    /** The root original that {@code input.translationOf()} resolves to (a translation's own original). */
    private Optional<BriefRepository.Original> original(BriefInput input) {
        return repository.original(input.translationOf(), input.language(), input.externalId());
    }

    record Problem(String field, String text) {
    }

    /**
     * Retracts the brief for good: it is never matched again, and digests still queued leave it out. Audited in the
     * same transaction, unless it was retracted already.
     */
    @Transactional
    public Optional<Brief> retract(long id) {
        boolean retracted = repository.retract(id, clock.instant());
        Optional<Brief> brief = find(id);
        if (retracted) {
            brief.ifPresent(b -> events.publishEvent(StaffAction.now("brief.retracted", "brief " + id, b.title())));
        }
        return brief;
    }

    public Optional<Brief> find(long id) {
        return repository.findAll(new Long[] {id}, clock.instant()).stream().findFirst();
    }

    /** The newest briefs, by publication time; {@code state} null for all. */
    public List<Brief> recent(int limit, BriefState state) {
        return repository.search(new BriefFilter(null, null, null, null, state), clock.instant(), limit, 0);
    }

    /**
     * The briefs of those ids that may still be mailed or shown as mailed: one retracted (or put back in draft) after
     * a digest carrying it was planned is left out, wherever that digest is composed, previewed or viewed.
     */
    public List<Brief> mailableByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repository.findAll(ids.toArray(Long[]::new), clock.instant()).stream()
                .filter(b -> b.state().mailable()).toList();
    }

    /**
     * The brief published at {@code url}, if any: how the feed recognises the other-language version an item
     * links to.
     */
    public Optional<Brief> atUrl(String url) {
        return repository.findByUrl(url, clock.instant());
    }

    record Page(List<Brief> briefs, long total) {
    }

    Page search(BriefFilter filter, int page, int size) {
        Instant now = clock.instant();
        return new Page(repository.search(filter, now, size, (long) page * size), repository.count(filter, now));
    }
}
