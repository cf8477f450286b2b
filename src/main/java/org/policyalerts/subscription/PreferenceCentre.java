package org.policyalerts.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.policyalerts.taxonomy.Term;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a reader changes with their manage token. No confirmation: the token came to their mailbox, so it proves
 * it. Every change applies from the next run (planning reads the reader's row as it is then) and leaves a consent
 * record, confirmed as it is made.
 */
@Service
class PreferenceCentre {

    /** What stopping one follow did. */
    enum Stopped { REMOVED, LAST_ONE_UNSUBSCRIBED, NOT_FOLLOWED }

    private final SubscriptionRepository repository;
    private final FollowRows followRows;
    private final Consents consents;
    private final ReaderErasure erasure;
    private final Unsubscriptions unsubscriptions;
    private final Clock clock;

    PreferenceCentre(SubscriptionRepository repository, FollowRows followRows, Consents consents, ReaderErasure erasure,
            Unsubscriptions unsubscriptions, Clock clock) {
        this.unsubscriptions = unsubscriptions;
        this.repository = repository;
        this.followRows = followRows;
        this.consents = consents;
        this.erasure = erasure;
        this.clock = clock;
    }

    Optional<SubscriptionRepository.Settings> find(String token) {
        return Tokens.wellFormed(token) ? repository.findSettings(token) : Optional.empty();
    }

    /**
     * Stores the ticks as made and re-expands them into rows the way confirmation does: rows kept keep their
     * creation time, so nothing is missed, and a follow added now is not sent its back catalogue.
     */
    @Transactional
    public void save(SubscriptionRepository.Settings reader, PreferencesForm form, ConsentRecord consent) {
        Instant now = clock.instant();
        Choices choices = form.choices();
        repository.saveSettings(reader.id(), choices, form.getLanguage(), form.getEditions(), form.getZone());
        followRows.replace(reader.id(), choices.follows(), now);
        Map<String, Object> details = new LinkedHashMap<>(Consents.describe(choices, form.getZone()));
        details.put("language", form.getLanguage());
        details.put("editions", form.getEditions());
        consents.change(reader.id(), consent, details, now);
    }

    /** {@code weeks} 0: until resumed. */
    @Transactional
    public void pause(SubscriptionRepository.Settings reader, int weeks, ConsentRecord consent) {
        Instant now = clock.instant();
        Instant until = weeks == 0 ? null : now.plus(Duration.ofDays(7L * weeks));
        repository.pause(reader.id(), now, until);
        consents.change(reader.id(), consent, Map.of("weeks", weeks), now);
    }

    @Transactional
    public void resume(SubscriptionRepository.Settings reader, ConsentRecord consent) {
        Instant now = clock.instant();
        repository.resume(reader.id(), now);
        consents.change(reader.id(), consent, Map.of(), now);
    }

    /**
     * Removes just this follow. Removing the last one would leave an active reader who follows nothing, and
     * their ticks would then read as "everything": so the last one unsubscribes them, and the page says so.
     */
    @Transactional
    public Stopped stop(SubscriptionRepository.Settings reader, Follow follow, ConsentRecord consent) {
        Instant now = clock.instant();
        if (!repository.removeFollow(reader.id(), followRows.key(Term.Kind.TOPIC, follow.topic()),
                followRows.key(Term.Kind.REGION, follow.region()), follow.topic(), follow.region())) {
            return Stopped.NOT_FOLLOWED;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", follow.topic() == null ? "*" : follow.topic());
        details.put("region", follow.region() == null ? "*" : follow.region());
        consents.change(reader.id(), consent, details, now);
        if (repository.countFollows(reader.id()) == 0) {
            unsubscriptions.unsubscribe(reader.id(), consent, details, "the reader stopped their last follow", now);
            return Stopped.LAST_ONE_UNSUBSCRIBED;
        }
        return Stopped.REMOVED;
    }

    boolean paused(SubscriptionRepository.Settings reader) {
        return reader.pausedUntil() != null && reader.pausedUntil().isAfter(clock.instant());
    }

    String export(SubscriptionRepository.Settings reader) {
        return repository.export(reader.id());
    }

    void erase(SubscriptionRepository.Settings reader) {
        erasure.erase(reader.id());
    }
}
