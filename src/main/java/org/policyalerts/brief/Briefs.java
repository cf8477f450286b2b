package org.policyalerts.brief;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Publishing and reading briefs, whoever hands them in (API, admin UI, feed). */
@Service
public class Briefs {

    private final BriefRepository repository;
    private final Taxonomy taxonomy;
    private final Validator validator;
    private final Clock clock;

    Briefs(BriefRepository repository, Taxonomy taxonomy, Validator validator, Clock clock) {
        this.repository = repository;
        this.taxonomy = taxonomy;
        this.validator = validator;
        this.clock = clock;
    }

    public record Published(Brief brief, boolean created) {
    }

    /** Creates the brief, or updates the one with the same external id. Its tags are replaced. */
    @Transactional
    public Published publish(BriefInput input) {
        List<String> problems = new ArrayList<>();
        for (ConstraintViolation<BriefInput> v : validator.validate(input)) {
            problems.add(v.getPropertyPath() + " " + v.getMessage());
        }
        List<String> unknownTopics = taxonomy.unknown(Term.Kind.TOPIC, input.topics());
        if (!unknownTopics.isEmpty()) {
            problems.add("unknown topics: " + String.join(", ", unknownTopics));
        }
        List<String> unknownRegions = taxonomy.unknown(Term.Kind.REGION, input.regions());
        if (!unknownRegions.isEmpty()) {
            problems.add("unknown regions: " + String.join(", ", unknownRegions));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().sorted().toList());
        }
        BriefRepository.Upserted saved = repository.upsert(input, clock.instant());
        repository.replaceTags(saved.id(), input.topics(), input.regions());
        return new Published(find(saved.id()).orElseThrow(), saved.created());
    }

    public Optional<Brief> find(long id) {
        return repository.findAll(new Long[] {id}).stream().findFirst();
    }

    public List<Brief> recent(int limit) {
        return repository.findRecent(limit);
    }

    public List<Brief> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repository.findAll(ids.toArray(Long[]::new));
    }
}
