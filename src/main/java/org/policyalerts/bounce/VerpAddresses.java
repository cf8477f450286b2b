package org.policyalerts.bounce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.delivery.ReturnAddresses;
import org.springframework.stereotype.Component;

/**
 * The per-delivery addresses mail carries: the VERP return path {@code bounces+<id>-<mac>@<domain>} and the
 * List-Unsubscribe mailto {@code unsubscribe+<id>-<mac>@<domain>}. The MAC (48 bits of HMAC-SHA256 over the purpose
 * and the delivery id, lower-case hex because some servers lower-case local parts) makes them unforgeable: nobody
 * can unsubscribe or suppress someone else by mailing a guessed address. The key lives in the database (V9), so
 * every instance mints and checks the same addresses and there is nothing to configure.
 */
@Component
public class VerpAddresses implements ReturnAddresses {

    private static final Pattern ADDRESS =
            Pattern.compile("(bounces|unsubscribe)\\+(\\d{1,18})-([0-9a-f]{12})@(.+)", Pattern.CASE_INSENSITIVE);

    enum Purpose {
        BOUNCES, UNSUBSCRIBE;

        String localPart() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Verp(Purpose purpose, long deliveryId) {
    }

    private final String domain;
    private final BounceRepository repository;
    private volatile SecretKeySpec key;

    VerpAddresses(BounceProperties properties, AlertsProperties alerts, BounceRepository repository) {
        this.domain = properties.domain() == null || properties.domain().isBlank()
                ? alerts.mailDomain() : properties.domain().strip();
        this.repository = repository;
    }

    /** The envelope sender (MAIL FROM) of a delivery: where its bounces go. */
    @Override
    public String returnPath(long deliveryId) {
        return address(Purpose.BOUNCES, deliveryId);
    }

    /** The address that unsubscribes the reader of a delivery when mailed. */
    @Override
    public String unsubscribeAddress(long deliveryId) {
        return address(Purpose.UNSUBSCRIBE, deliveryId);
    }

    private String address(Purpose purpose, long deliveryId) {
        return purpose.localPart() + "+" + deliveryId + "-" + mac(purpose, deliveryId) + "@" + domain;
    }

    /** The delivery an address of ours names, if it is one and its MAC is right. */
    Optional<Verp> parse(String address) {
        Matcher m = ADDRESS.matcher(address.strip());
        if (!m.matches() || !m.group(4).equalsIgnoreCase(domain)) {
            return Optional.empty();
        }
        Purpose purpose = Purpose.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        long deliveryId = Long.parseLong(m.group(2));
        boolean valid = MessageDigest.isEqual(mac(purpose, deliveryId).getBytes(StandardCharsets.US_ASCII),
                m.group(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(new Verp(purpose, deliveryId)) : Optional.empty();
    }

    private String mac(Purpose purpose, long deliveryId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] sum = mac.doFinal((purpose.localPart() + ":" + deliveryId).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sum, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // Read on first use rather than at construction, which may come before Flyway has made the table.
    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(repository.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            key = k;
        }
        return k;
    }
}
