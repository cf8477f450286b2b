package org.policyalerts.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/** A reader, as a digest needs them: where to send, in which language, and their manage token. */
public record Reader(long id, String email, String language, String manageToken) {

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public String unsubscribePath() {
        return "/unsubscribe/" + manageToken;
    }

    /** Whether {@code token} is this reader's manage token; compared in constant time. */
    public boolean hasToken(String token) {
        return token != null && MessageDigest.isEqual(
                manageToken.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
