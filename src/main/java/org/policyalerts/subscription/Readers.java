package org.policyalerts.subscription;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Readers as the digest side sees them: who is still active, and what each follows. */
@Service
public class Readers {

    private final SubscriptionRepository repository;

    Readers(SubscriptionRepository repository) {
        this.repository = repository;
    }

    /** The active ones among {@code ids}; anyone who left or was suppressed meanwhile is missing. */
    public Map<Long, Reader> active(Collection<Long> ids) {
        return repository.activeReaders(ids.toArray(Long[]::new)).stream()
                .collect(Collectors.toMap(Reader::id, Function.identity()));
    }

    /** A reader in any state (the web version of a digest stays readable after they leave); empty once erased. */
    public Optional<Reader> find(long id) {
        return repository.reader(id);
    }

    public Map<Long, List<Follow>> follows(Collection<Long> ids) {
        return repository.follows(ids);
    }
}
