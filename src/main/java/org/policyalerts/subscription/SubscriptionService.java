package org.policyalerts.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.policyalerts.delivery.MailQueue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up with double opt-in, confirmation and unsubscribe. */
@Service
class SubscriptionService {

    enum LinkState { VALID, EXPIRED, USED }

    record ConfirmationView(LinkState state, String email, String follows, Frequency frequency) {
    }

    record UnsubscribeView(String email, boolean alreadyUnsubscribed) {
    }

    private final SubscriptionRepository repository;
    private final ConfirmationMail confirmationMail;
    private final MailQueue mailQueue;
    private final FollowNames followNames;
    private final FollowRows followRows;
    private final Consents consents;
    private final ReaderErasure erasure;
    private final Unsubscriptions unsubscriptions;
    private final SubscriptionProperties properties;
    private final Clock clock;

    SubscriptionService(SubscriptionRepository repository, ConfirmationMail confirmationMail, MailQueue mailQueue,
            FollowNames followNames, FollowRows followRows, Consents consents, ReaderErasure erasure,
            Unsubscriptions unsubscriptions, SubscriptionProperties properties, Clock clock) {
        this.unsubscriptions = unsubscriptions;
        this.repository = repository;
        this.confirmationMail = confirmationMail;
        this.mailQueue = mailQueue;
        this.followNames = followNames;
        this.followRows = followRows;
        this.consents = consents;
        this.erasure = erasure;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the request and queues a confirmation link; the senders mail it, so this never waits for SMTP.
     * Takes the same path whatever state the address is in (the outbox itself withholds mail from a suppressed
     * address), so neither the answer nor its timing tells anyone who subscribes. The choices take effect only
     * when the link comes back; until then an active reader keeps what they had. Returns the reader's id.
     */
    @Transactional
    public long request(String email, Choices choices, String zone, ConsentRecord consent, Locale locale) {
        Instant now = clock.instant();
        SubscriptionRepository.Subscriber subscriber = repository.findOrCreate(SubscribeFormValidator.normalize(email),
                choices.frequency(), locale.getLanguage(), Tokens.random(), now);
        List<SubscriptionRepository.Confirmation> lastDay = mailedSince(subscriber.id(), now.minus(Duration.ofDays(1)));
        Optional<SubscriptionRepository.Confirmation> pending = lastDay.stream().findFirst()
                .filter(c -> c.confirmedAt() == null && c.expiresAt().isAfter(now));
        boolean tooSoon = pending.map(c -> c.createdAt().isAfter(now.minus(properties.resendAfter()))).orElse(false);
        if (tooSoon || lastDay.size() >= properties.maxConfirmationsPerDay()) {
            pending.ifPresent(c -> {
                repository.updateChoices(c.id(), choices, zone);
                consents.signUp(subscriber.id(), c.id(), consent, choices, zone, now);
            });
            return subscriber.id();
        }
        String token = Tokens.random();
        long deliveryId = mailQueue.enqueue(subscriber.id(), confirmationMail.write(subscriber.email(), token, choices,
                properties.confirmationTtl().toDays(), locale));
        long confirmationId = repository.insertConfirmation(subscriber.id(), Tokens.hash(token), choices, zone, now,
                now.plus(properties.confirmationTtl()), deliveryId);
        consents.signUp(subscriber.id(), confirmationId, consent, choices, zone, now);
        return subscriber.id();
    }

    /**
     * The reader's confirmations since {@code since} whose mail was sent or is still on its way, newest first:
     * one that failed or was withheld neither counts towards the daily cap nor holds back a new link.
     */
    private List<SubscriptionRepository.Confirmation> mailedSince(long subscriberId, Instant since) {
        List<SubscriptionRepository.Confirmation> all = repository.confirmationsSince(subscriberId, since);
        Set<Long> mailed = mailQueue.sentOrOnTheWay(all.stream().map(SubscriptionRepository.Confirmation::deliveryId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        return all.stream().filter(c -> c.deliveryId() == null || mailed.contains(c.deliveryId())).toList();
    }

    Optional<ConfirmationView> lookUpConfirmation(String token, Locale locale) {
        return findConfirmation(token, false).map(c -> view(c, state(c), locale));
    }

    /** Applies the choices once; a second click (or a stale link) only reports the link's state. */
    @Transactional
    public Optional<ConfirmationView> confirm(String token, Locale locale) {
        return findConfirmation(token, true).map(c -> {
            LinkState state = state(c);
            if (state == LinkState.VALID) {
                apply(c);
            }
            return view(c, state, locale);
        });
    }

    /** The person confirmed through their own mailbox, so an earlier erasure of theirs no longer holds them off. */
    private void apply(SubscriptionRepository.Confirmation c) {
        Instant now = clock.instant();
        repository.markConfirmed(c.id(), now);
        repository.confirmConsent(c.id(), now);
        repository.activate(c.subscriberId(), c.choices(), c.zone(), now);
        followRows.replace(c.subscriberId(), c.choices().follows(), now);
        erasure.lift(c.email());
    }

    Optional<UnsubscribeView> lookUpReader(String token) {
        return findReader(token).map(s -> new UnsubscribeView(s.email(), s.status() == SubscriberStatus.UNSUBSCRIBED));
    }

    /** One click, no questions: effective at once for every digest not yet on the wire. */
    @Transactional
    public Optional<UnsubscribeView> unsubscribe(String token, ConsentRecord consent) {
        return findReader(token).map(s -> {
            unsubscriptions.unsubscribe(s.id(), consent, Map.of(), "the reader unsubscribed", clock.instant());
            return new UnsubscribeView(s.email(), false);
        });
    }

    private Optional<SubscriptionRepository.Confirmation> findConfirmation(String token, boolean forUpdate) {
        return Tokens.wellFormed(token) ? repository.findConfirmation(Tokens.hash(token), forUpdate) : Optional.empty();
    }

    private Optional<SubscriptionRepository.Subscriber> findReader(String token) {
        return Tokens.wellFormed(token) ? repository.findByManageToken(token) : Optional.empty();
    }

    private LinkState state(SubscriptionRepository.Confirmation c) {
        if (c.confirmedAt() != null) {
            return LinkState.USED;
        }
        return c.expiresAt().isAfter(clock.instant()) ? LinkState.VALID : LinkState.EXPIRED;
    }

    private ConfirmationView view(SubscriptionRepository.Confirmation c, LinkState state, Locale locale) {
        return new ConfirmationView(state, c.email(), followNames.describe(c.choices().follows(), locale),
                c.choices().frequency());
    }
}
