package org.policyalerts.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure (GDPR art. 17): the reader and everything stored about them are deleted; what stays is a keyed
 * SHA-256 (HMAC with {@code alerts.subscription.erasure-pepper}) of their normalised, lower-cased address on the
 * suppression list, so an import cannot add them back. The person themself can come back through the sign-up
 * form: the double opt-in proves they asked, and confirming lifts the suppression.
 */
@Service
public class ReaderErasure {

    private static final Logger log = LoggerFactory.getLogger(ReaderErasure.class);

    private final SubscriptionRepository repository;
    private final SubscriptionProperties properties;
    private final Clock clock;

    ReaderErasure(SubscriptionRepository repository, SubscriptionProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        if (properties.erasurePepper().isEmpty()) {
            log.warn("ALERTS_SUBSCRIPTION_ERASURE_PEPPER is not set: erased addresses are hashed without a secret, "
                    + "so anyone holding the database can test guessed addresses against");
        }
    }

    /** Erases the reader; false if there is no such reader (already erased). Admin pages call this too. */
    @Transactional
    public boolean erase(long subscriberId) {
        return repository.emailOf(subscriberId).map(email -> {
            repository.erase(subscriberId, hash(email), clock.instant());
            log.info("Reader {} erased; their address is kept only as a hash on the suppression list", subscriberId);
            return true;
        }).orElse(false);
    }

    /**
     * Those of {@code emails} that were erased, as given: an import must not add them back. One query however
     * many there are (an import's whole file).
     */
    Set<String> erased(Collection<String> emails) {
        Map<String, String> byHash = new HashMap<>();
        emails.forEach(e -> byHash.put(HexFormat.of().formatHex(hash(e)), e));
        return repository.suppressedAmong(byHash.keySet()).stream().map(byHash::get).collect(Collectors.toSet());
    }

    /** A confirmed sign-up by the person themself. */
    void lift(String email) {
        repository.liftSuppression(hash(email));
    }

    byte[] hash(String email) {
        String normalised = SubscribeFormValidator.normalize(email.strip()).toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC refuses an empty key; an unset pepper is a one-byte zero key (and a warning at startup)
            byte[] key = properties.erasurePepper().isEmpty() ? new byte[1]
                    : properties.erasurePepper().getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
