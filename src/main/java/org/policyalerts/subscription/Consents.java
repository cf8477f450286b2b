package org.policyalerts.subscription;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes consent records; {@code details} (what was chosen) is kept as JSON next to the circumstances. */
@Component
class Consents {

    private final SubscriptionRepository repository;
    private final JsonMapper json;

    Consents(SubscriptionRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** A sign-up: confirmed later, when its link comes back ({@link SubscriptionRepository#confirmConsent}). */
    void signUp(long subscriberId, long confirmationId, ConsentRecord consent, Choices choices, String zone, Instant now) {
        repository.insertConsent(subscriberId, confirmationId, consent, json.writeValueAsString(describe(choices, zone)),
                now, null);
    }

    /** A change through the manage token: the token proves the mailbox, so it is confirmed as it is made. */
    void change(long subscriberId, ConsentRecord consent, Map<String, ?> details, Instant now) {
        repository.insertConsent(subscriberId, null, consent, json.writeValueAsString(details), now, now);
    }

    /**
     * An import with proof of consent: the proof is the staff's declaration (its source kept here and in
     * subscriber_import), so there is no wording or client, and it is confirmed as made.
     */
    void imported(long subscriberId, Choices choices, String declaredSource, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>(describe(choices, null));
        details.put("consent_source", declaredSource);
        repository.insertConsent(subscriberId, null,
                new ConsentRecord(ConsentRecord.Action.SIGN_UP, ConsentSource.IMPORT, null, null, null),
                json.writeValueAsString(details), now, now);
    }

    static Map<String, Object> describe(Choices choices, String zone) {
        return Map.of("frequency", choices.frequency().code(), "match", choices.match().code(),
                "topics", choices.topics(), "regions", choices.regions(), "zone", zone == null ? "" : zone);
    }
}
